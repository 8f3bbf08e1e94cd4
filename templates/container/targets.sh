#!/bin/sh
# Registers this task in (or removes it from) the passive ports' NLB target groups. An ECS service
# attaches at most 5 target groups, so the service wires only the control port and the task adds
# itself to the rest. Usage: targets.sh register|deregister
#   FTPKIT_TARGET_GROUPS  "<port>=<target group ARN> ..." (one pair per passive port)
#   FTPKIT_REGION         the stack's region
#   ECS_CONTAINER_METADATA_URI_V4  set by ECS: the task's private address is read there
set -eu

log() { printf 'ftp-kit: %s\n' "$*" >&2; }

case ${1:-} in
	register) verb=register-targets ;;
	deregister) verb=deregister-targets ;;
	*)
		log "usage: targets.sh register|deregister"
		exit 2
		;;
esac
groups=${FTPKIT_TARGET_GROUPS:-}
if [ -z "$groups" ]; then
	exit 0
fi
region=${FTPKIT_REGION:?FTPKIT_REGION is not set}
uri=${ECS_CONTAINER_METADATA_URI_V4:?ECS_CONTAINER_METADATA_URI_V4 is not set: not running in ECS}
address=$(curl -fsS --max-time 5 --retry 5 --retry-connrefused "$uri" | jq -er '.Networks[0].IPv4Addresses[0]')
case $address in
	*[!0-9.]* | '')
		log "error: the metadata endpoint gave no IPv4 address ($address)"
		exit 1
		;;
esac
status=0
for pair in $groups; do
	port=${pair%%=*}
	arn=${pair#*=}
	if ! aws elbv2 "$verb" --region "$region" --target-group-arn "$arn" --targets "Id=$address,Port=$port" >/dev/null; then
		log "error: $verb of $address:$port failed"
		status=1
		# Deregistration is best effort: go on with the other ports.
		[ "$verb" = deregister-targets ] || exit 1
	fi
done
log "$verb: $address on ports $(for pair in $groups; do printf '%s ' "${pair%%=*}"; done)"
exit "$status"
