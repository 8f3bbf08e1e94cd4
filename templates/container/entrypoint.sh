#!/bin/sh
# ftp-kit container entrypoint. The server files were rendered by ftp-kit when the image was built
# (the same renderer as the EC2 target); this only adds what is known at run time:
#   FTPKIT_PASV_ADDRESS   the address clients reach (the load balancer's Elastic IP): pasv_address
#   FTPKIT_PASSWORD_<n>   password (or SHA-512 crypt hash, "$6$…") of the n-th user of users.list
#   FTPKIT_TLS_CERT/KEY   PEM certificate and key; without them a self-signed pair is made once
#                         for FTPKIT_PASV_ADDRESS and kept on the data volume
#   FTPKIT_TARGET_GROUPS  passive target groups to join (see targets.sh); unset outside ECS
# Then vsftpd runs in the foreground, logging to stdout; SIGTERM leaves the target groups first.
set -eu

LIB=/usr/local/lib/ftp-kit
ETC=/etc/ftp-kit
RUN=/run/ftp-kit
DATA=/srv/ftp-kit
GUEST=ftpkit

log() { printf 'ftp-kit: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

write_config() {
	address=${FTPKIT_PASV_ADDRESS:-}
	if ! printf '%s' "$address" | grep -Eq '^([0-9]{1,3}\.){3}[0-9]{1,3}$'; then
		die "FTPKIT_PASV_ADDRESS '$address' is not an IPv4 address — set it to the address clients connect to (the Elastic IP)"
	fi
	sed "s/^pasv_address=FTPKIT_PASV_ADDRESS\$/pasv_address=$address/" "$ETC/vsftpd.conf.in" >"$RUN/vsftpd.conf"
	grep -qx "pasv_address=$address" "$RUN/vsftpd.conf" || die "vsftpd.conf.in has no pasv_address placeholder"
}

write_passwords() {
	: >"$RUN/passwd.new"
	n=0
	while read -r name; do
		n=$((n + 1))
		eval "secret=\${FTPKIT_PASSWORD_$n:-}"
		[ -n "$secret" ] || die "FTPKIT_PASSWORD_$n (user $name) is empty — put a password into that user's Secrets Manager secret"
		case $secret in
			"\$6\$"*) hash=$secret ;;
			*) hash=$(printf '%s' "$secret" | openssl passwd -6 -stdin) ;;
		esac
		printf '%s:%s\n' "$name" "$hash" >>"$RUN/passwd.new"
		unset "FTPKIT_PASSWORD_$n"
		# The jail root-owned and read-only (vsftpd refuses a writable chroot), files/ the guest's.
		mkdir -p "$DATA/jail/$name"
		chown root:root "$DATA/jail/$name"
		chmod 0755 "$DATA/jail/$name"
		if [ ! -d "$DATA/jail/$name/files" ]; then
			# chmod first: without CAP_FOWNER root cannot chmod what it has given away.
			mkdir -m 0700 "$DATA/jail/$name/files"
			chown "$GUEST:$GUEST" "$DATA/jail/$name/files"
		fi
	done <"$ETC/users.list"
	secret=''
	hash=''
	mv "$RUN/passwd.new" "$RUN/passwd"
}

write_certificate() {
	if [ -n "${FTPKIT_TLS_CERT:-}" ] && [ -n "${FTPKIT_TLS_KEY:-}" ]; then
		printf '%s\n' "$FTPKIT_TLS_CERT" >"$RUN/tls/cert.pem"
		printf '%s\n' "$FTPKIT_TLS_KEY" >"$RUN/tls/key.pem"
	else
		if [ ! -s "$DATA/state/tls/cert.pem" ]; then
			log "generating a self-signed certificate for $address"
			mkdir -p "$DATA/state/tls"
			chmod 0700 "$DATA/state"
			openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
				-subj "/CN=$address" -addext "subjectAltName=IP:$address" \
				-keyout "$DATA/state/tls/key.pem" -out "$DATA/state/tls/cert.pem" 2>/dev/null
		fi
		cp "$DATA/state/tls/cert.pem" "$DATA/state/tls/key.pem" "$RUN/tls/"
	fi
	unset FTPKIT_TLS_CERT FTPKIT_TLS_KEY
	chmod 0600 "$RUN/tls/key.pem"
	chmod 0644 "$RUN/tls/cert.pem"
}

umask 077
mkdir -p "$RUN/tls" "$DATA/jail"
chown root:root "$DATA" "$DATA/jail"
chmod 0755 "$DATA" "$DATA/jail"
write_config
write_passwords
write_certificate

"$LIB/targets.sh" register
vsftpd "$RUN/vsftpd.conf" &
pid=$!
stopping=''
trap 'stopping=1' TERM INT
log "ready: ftp://$address:$(sed -n 's/^listen_port=//p' "$RUN/vsftpd.conf")"
status=0
wait "$pid" || status=$?
if [ -n "$stopping" ]; then
	log "stopping: leaving the target groups, then vsftpd"
	"$LIB/targets.sh" deregister || true
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" || true
	exit 0
fi
exit "$status"
