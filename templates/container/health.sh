#!/bin/bash
# HEALTHCHECK: the control port answers with a 220 greeting within 5 seconds.
set -euo pipefail
port=$(sed -n 's/^listen_port=//p' /run/ftp-kit/vsftpd.conf)
exec 3<>"/dev/tcp/127.0.0.1/$port"
IFS= read -r -t 5 line <&3
[[ $line == 220* ]]
