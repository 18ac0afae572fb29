#!/usr/bin/env bash
# Run the README's "A team deployment" steps 1–5 as written, as root on a scratch Debian
# machine or container, and check what each should give:
#   - staff log in with keys over a real sshd on 127.0.0.1:2222 and find the database and
#     the Japanese UI through /etc/meyasu/config.toml (no ~/.profile is read);
#   - a liaison's key runs only `meyasu --section kumin` (no shell, a Japanese word about
#     ssh -t without a terminal), and a dropped liaison session leaves no meyasu running;
#   - the backup script runs twice as the timer's unit would (User=tanaka, Group=meyasu,
#     UMask=0007) and leaves a group-readable backup; the second staff member runs the drill;
#   - man page, completion, a report fetched back with scp.
# It adds the accounts tanaka, sato and meyasu, the group meyasu, /srv/meyasu, /etc/meyasu
# and /usr/local/{bin,sbin} files, and removes them all when it ends.
#
#   cargo build && sudo bash tests/deployment-guide.sh        # MEYASU_BIN=… to test another build
set -euo pipefail

[ "$(id -u)" = 0 ] || { echo "run as root, on a scratch machine: it adds accounts" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${MEYASU_BIN:-$here/target/debug/meyasu}
[ -x "$bin" ] || { echo "no meyasu binary at $bin: cargo build first" >&2; exit 2; }
for u in tanaka sato meyasu; do
  if id "$u" >/dev/null 2>&1; then echo "account $u exists already: use a scratch machine" >&2; exit 2; fi
done
[ -e /srv/meyasu ] || [ -e /etc/meyasu ] && { echo "/srv/meyasu or /etc/meyasu exists already" >&2; exit 2; }

work=$(mktemp -d)
port=2222
sshd_pid=
smbd_pid=
ok() { printf '  ok  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*" >&2; exit 1; }
cleanup() {
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null || true
  [ -n "$smbd_pid" ] && kill "$smbd_pid" 2>/dev/null || true
  tmux -L meyasu-guide kill-server 2>/dev/null || true
  pkill -u meyasu 2>/dev/null || true
  for u in tanaka sato meyasu; do userdel -r "$u" 2>/dev/null || true; done
  groupdel meyasu 2>/dev/null || true
  rm -rf /srv/meyasu /etc/meyasu /usr/local/bin/meyasu /usr/local/sbin/meyasu-backup \
    /usr/local/share/man/man1/meyasu.1 /etc/bash_completion.d/meyasu /tmp/drill.db "$work"
}
trap cleanup EXIT

echo "1. the program, the accounts and the shared database"
command -v sshd >/dev/null || apt-get install -y openssh-server locales >/dev/null
install -m 0755 "$bin" /usr/local/bin/meyasu
groupadd meyasu
useradd -m -s /bin/bash -G meyasu tanaka && useradd -m -s /bin/bash -G meyasu sato
useradd -m -s /bin/bash -g meyasu meyasu
install -d -m 2770 -g meyasu /srv/meyasu /srv/meyasu/backup /srv/meyasu/reports
install -d -m 0755 /etc/meyasu
printf 'db = "/srv/meyasu/meyasu.db"\nlang = "ja"\n' > /etc/meyasu/config.toml
env -u MEYASU_DB meyasu init >/dev/null
chgrp meyasu /srv/meyasu/meyasu.db && chmod 0660 /srv/meyasu/meyasu.db
if [ "$(stat -c %a:%G /srv/meyasu/meyasu.db)" = 660:meyasu ]; then ok "database 0660, group meyasu"; else fail "database 0660, group meyasu"; fi

echo "2. desk terminals: keys, sshd on 127.0.0.1:$port"
for u in tanaka sato; do
  ssh-keygen -q -t ed25519 -N '' -f "$work/$u" -C "$u desk"
  install -d -m 0700 -o "$u" -g "$u" "/home/$u/.ssh"
  install -m 0600 -o "$u" -g "$u" "$work/$u.pub" "/home/$u/.ssh/authorized_keys"
done
ssh-keygen -q -t ed25519 -N '' -f "$work/hostkey"
ssh-keygen -q -t ed25519 -N '' -f "$work/liaison" -C 区民課連絡員
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -p "$port" -o ListenAddress=127.0.0.1 -h "$work/hostkey" \
  -o PasswordAuthentication=no -o PidFile="$work/sshd.pid" 2>"$work/sshd.log" &
sshd_pid=$!
sleep 1
known="$work/known_hosts"
ssh_as() { # key user [ssh options…] -- command…
  local key=$1 user=$2; shift 2
  ssh -i "$work/$key" -p "$port" -o UserKnownHostsFile="$known" -o StrictHostKeyChecking=accept-new \
    -o BatchMode=yes -o LogLevel=ERROR "$@"
}
out=$(ssh_as tanaka tanaka tanaka@127.0.0.1 'meyasu add --floor 1 --kind 要望 --date 2024-03-01 "窓口の番号札が見えにくい"')
if echo "$out" | grep -q "受付番号"; then ok "staff log in with a key; the config names the database and Japanese: $out"; else fail "staff log in with a key; the config names the database and Japanese: $out"; fi
ssh_as sato sato sato@127.0.0.1 'meyasu assign 1 kumin --due 2024-03-15' >/dev/null
if ssh_as sato sato sato@127.0.0.1 'meyasu list 2>/dev/null' | grep -q "窓口の番号札"; then ok "the second staff member sees the first one's slip"; else fail "the second staff member sees the first one's slip"; fi
install -d /usr/local/share/man/man1 && meyasu man > /usr/local/share/man/man1/meyasu.1
meyasu completions bash > /etc/bash_completion.d/meyasu
if [ -s /usr/local/share/man/man1/meyasu.1 ] && [ -s /etc/bash_completion.d/meyasu ]; then ok "man page and completion installed"; else fail "man page and completion installed"; fi
ssh_as tanaka tanaka tanaka@127.0.0.1 'meyasu report --fiscal-year 2023 --format xlsx -o /srv/meyasu/reports/2023.xlsx' 2>/dev/null
scp -q -i "$work/tanaka" -P "$port" -o UserKnownHostsFile="$known" -o BatchMode=yes \
  tanaka@127.0.0.1:/srv/meyasu/reports/2023.xlsx "$work/"
if [ -s "$work/2023.xlsx" ]; then ok "a report written on the host comes back with scp"; else fail "a report written on the host comes back with scp"; fi

echo "3. liaisons: a forced command, no shell"
install -d -m 0700 -o meyasu -g meyasu /home/meyasu/.ssh
printf 'command="env MEYASU_USER=kumin-liaison /usr/local/bin/meyasu --section kumin",restrict,pty %s\n' \
  "$(cut -d' ' -f1,2 "$work/liaison.pub") 区民課連絡員" > /home/meyasu/.ssh/authorized_keys
chown meyasu:meyasu /home/meyasu/.ssh/authorized_keys && chmod 0600 /home/meyasu/.ssh/authorized_keys
said=$(ssh_as liaison meyasu meyasu@127.0.0.1 'id; cat /etc/shadow' 2>&1 || true)
if echo "$said" | grep -q "ssh -t" && ! echo "$said" | grep -q "uid="; then ok "no shell; without a terminal it says to use ssh -t: $said"; else fail "no shell; without a terminal it says to use ssh -t: $said"; fi
tmux -L meyasu-guide new-session -d -x 100 -y 30 \
  "ssh -t -i $work/liaison -p $port -o UserKnownHostsFile=$known -o BatchMode=yes meyasu@127.0.0.1"
for _ in $(seq 50); do
  tmux -L meyasu-guide capture-pane -p | grep -q "区民課" && break
  sleep 0.2
done
if tmux -L meyasu-guide capture-pane -p | grep -q "窓口の番号札"; then ok "the liaison's screen shows the section's slip"; else fail "the liaison's screen shows the section's slip"; fi
pgrep -u meyasu -x meyasu >/dev/null || fail "meyasu is not running for the liaison"
tmux -L meyasu-guide kill-server     # the desk's window closes: the session drops
for _ in $(seq 30); do pgrep -u meyasu -x meyasu >/dev/null || break; sleep 0.1; done
pgrep -u meyasu -x meyasu >/dev/null && fail "meyasu still running after the session dropped"
ok "a dropped liaison session leaves no meyasu running"

echo "4. the nightly backup, twice, as the timer's unit runs it"
cat > /usr/local/sbin/meyasu-backup <<'EOF'
#!/bin/sh
set -eu
dir=/srv/meyasu/backup
/usr/local/bin/meyasu backup --force "$dir/meyasu-$(date +%Y-%m-%d).db"
find "$dir" -name 'meyasu-*.db' -mtime +30 -delete     # keep thirty days
EOF
chmod 0755 /usr/local/sbin/meyasu-backup
for run in 1 2; do
  runuser -u tanaka -g meyasu -- sh -c 'umask 0007; env -i PATH=/usr/bin:/bin /usr/local/sbin/meyasu-backup' >/dev/null \
    || fail "backup run $run"
done
b=/srv/meyasu/backup/meyasu-$(date +%Y-%m-%d).db
if [ "$(stat -c %a:%G "$b")" = 660:meyasu ]; then ok "ran twice the same day; the backup is 0660, group meyasu"; else fail "ran twice the same day; the backup is 0660, group meyasu"; fi
cat > "$work/meyasu-backup.service" <<'EOF'
[Unit]
Description=Back up the meyasu database

[Service]
Type=oneshot
User=tanaka
Group=meyasu
UMask=0007
ExecStart=/usr/local/sbin/meyasu-backup
EOF
cat > "$work/meyasu-backup.timer" <<'EOF'
[Unit]
Description=Back up the meyasu database every night

[Timer]
OnCalendar=*-*-* 02:30
Persistent=true

[Install]
WantedBy=timers.target
EOF
if command -v systemd-analyze >/dev/null && systemd-analyze verify "$work/meyasu-backup.service" "$work/meyasu-backup.timer" 2>"$work/verify.log"; then
  ok "systemd-analyze verify accepts the unit and the timer"
else
  echo "  --  systemd-analyze could not verify here: $(head -c 200 "$work/verify.log" 2>/dev/null)"
fi

echo "5. the restore drill, as the other staff member"
drill=$(runuser -u sato -- sh -c "cd /tmp && meyasu backup --force /tmp/drill.db >/dev/null &&
  meyasu --db /tmp/drill.db restore --yes $b >/dev/null && meyasu --db /tmp/drill.db list --limit 5 2>/dev/null")
if echo "$drill" | grep -q "窓口の番号札"; then ok "sato restores tanaka's backup into a copy and lists it"; else fail "sato restores tanaka's backup into a copy and lists it"; fi

echo "7. the shared folder the Windows desks open (Samba)"
command -v smbd >/dev/null && command -v smbclient >/dev/null || apt-get install -y samba smbclient >/dev/null
install -d -m 2770 -g meyasu /srv/meyasu/share /srv/meyasu/share/受信 /srv/meyasu/share/報告
# The guide's share, in a config of its own on 127.0.0.1:4450 (the host's smb.conf is left alone).
mkdir -p "$work/samba/lock" "$work/samba/state" "$work/samba/cache" "$work/samba/pid" "$work/samba/private"
{
  printf '[global]\n   interfaces = lo\n   bind interfaces only = yes\n   smb ports = 4450\n'
  printf '   lock directory = %s\n   state directory = %s\n   cache directory = %s\n' \
    "$work/samba/lock" "$work/samba/state" "$work/samba/cache"
  printf '   pid directory = %s\n   private dir = %s\n   log file = %s\n' \
    "$work/samba/pid" "$work/samba/private" "$work/samba/log"
  printf '   disable spoolss = yes\n   load printers = no\n\n'
  # The share exactly as the README gives it.
  printf '[目安箱]\n   path = /srv/meyasu/share\n   valid users = @meyasu\n   read only = no\n'
  printf '   force group = meyasu\n   create mask = 0660\n   directory mask = 2770\n'
} > "$work/smb.conf"
printf 'desk-pass\ndesk-pass\n' | smbpasswd -c "$work/smb.conf" -s -a tanaka >/dev/null
# In a session of its own: smbd ends its whole process group when it stops.
setsid smbd --foreground --no-process-group -s "$work/smb.conf" >/dev/null 2>&1 &
smbd_pid=$!
sleep 2
env -u MEYASU_DB meyasu settings set sheet_inbox /srv/meyasu/share/受信 >/dev/null
runuser -u tanaka -g meyasu -- sh -c 'umask 0007; meyasu request --sheets /srv/meyasu/share/報告/回答票 >/dev/null 2>&1;
  meyasu report --fiscal-year 2023 --format xlsx -o /srv/meyasu/share/報告/2023.xlsx --force 2>/dev/null'
smb() { smbclient "//127.0.0.1/目安箱" -p 4450 -U tanaka%desk-pass -c "$1" >/dev/null 2>&1; }
smb "get 報告/2023.xlsx $work/from-share.xlsx" || true
if [ -s "$work/from-share.xlsx" ]; then ok "a desk gets a report from the share's 報告 folder"; else fail "no report from the share"; fi
sheet=$(ls /srv/meyasu/share/報告/回答票/ | head -1)
smb "cd 報告/回答票; get $sheet $work/sheet.xlsx" || true
[ -s "$work/sheet.xlsx" ] || fail "no reply sheet from the share"
smb "cd 受信; put $work/sheet.xlsx 記入済.xlsx" || true
if [ -s /srv/meyasu/share/受信/記入済.xlsx ] && [ "$(stat -c %G /srv/meyasu/share/受信/記入済.xlsx)" = meyasu ]; then
  ok "a sheet put in the share's 受信 folder lands there, group meyasu"
else fail "the sheet did not land in 受信"; fi
plan=$(runuser -u sato -- meyasu collect /srv/meyasu/share/受信 2>&1 || true)
if echo "$plan" | grep -q "記入済.xlsx（"; then ok "the team collects it from the share: $(echo "$plan" | head -1)"; else fail "collect: $plan"; fi
kill "$smbd_pid" 2>/dev/null || true
smbd_pid=

echo "all steps ran as written"
