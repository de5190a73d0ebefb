#!/usr/bin/env bash
# A three-node RabbitMQ cluster on loopback (each node a scripts/rabbitmq.sh node in a folder of its own), and
# the distributed mode on it: two instances of requests, verification and handover, every service given the
# three nodes. Stops, kills, restarts and cuts off single nodes to see what the services do when one goes.
# scripts/cluster.sh --help tells every command.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base_port=${RABBITMQ_CLUSTER_PORT:-5673}
base_management=${RABBITMQ_CLUSTER_MANAGEMENT_PORT:-15673}
dir=${RABBITMQ_CLUSTER_DIR:-$root/.artifacts/cluster}
size=3
# Erlang's distribution notices a silent peer after this many seconds (60 by default); a partition then shows
# within about half a minute. Lower risks false partitions when the machine is busy.
net_ticktime=20

usage() {
  cat <<EOF
Usage: scripts/cluster.sh brokers|up [up.sh options]|down|status|nodes|management
       scripts/cluster.sh stop N|kill N|start N|partition N|heal N
       scripts/cluster.sh ctl N <rabbitmqctl arguments>
       scripts/cluster.sh queues N <rabbitmq-queues arguments>
       scripts/cluster.sh --help

Three RabbitMQ nodes on loopback, joined into one cluster, and the distributed mode on them.

  brokers      start the three nodes (those not running; what runs is left alone) and join nodes 2 and 3
               to node 1. One Erlang cookie for the three, made once in \$RABBITMQ_CLUSTER_DIR/.erlang.cookie.
               Quorum queues declared once the cluster has formed get a replica on every node.
  up [...]     brokers, then scripts/up.sh --cluster --scale requests=2 --scale verification=2
               --scale handover=2 with the options given (e.g. --demo, --no-build): every service on the
               three nodes, two instances of each but operations.
  down         scripts/down.sh (every service instance, the single node, PostgreSQL), then the three nodes
  status       each node's state; the cluster as the nodes see it (members, running nodes, partitions);
               every quorum queue with its members, the ones online and its leader
  nodes        the nodes as Bus:Host takes them (127.0.0.1:PORT,…)
  management   their management APIs as Operations:RabbitMqManagementUrl takes them (http://127.0.0.1:PORT,…)
  stop N       stop node N gracefully (rabbitmqctl shutdown): its clients move to another node
  kill N       kill -9 node N's Erlang VM: as a crash or a lost machine
  start N      start node N again: it keeps its data folder, so it rejoins the cluster as it starts
  partition N  cut node N's Erlang distribution traffic to and from the other two (iptables on loopback);
               clients still reach it. With pause_minority node N, alone, pauses: it closes its clients'
               connections (they reconnect to the others) until it sees the majority again
  heal N       remove that cut: node N resumes on its own
  ctl N ...    rabbitmqctl on node N, with the environment it needs
  queues N ... rabbitmq-queues on node N: e.g. queues 1 grow mediation-5675@localhost all (a replica of
               every quorum queue on that node), queues 2 check_if_node_is_quorum_critical

N is 1, 2 or 3. Settings (environment): RABBITMQ_CLUSTER_PORT ($base_port: AMQP ports PORT, PORT+1, PORT+2;
Erlang distribution ports 20000 above each), RABBITMQ_CLUSTER_MANAGEMENT_PORT ($base_management: management
API ports likewise), RABBITMQ_CLUSTER_DIR ($dir: node-1, node-2, node-3, each with its
rabbitmq.pid and log/). User guest/guest, loopback only.

Partitions need iptables and root. Each node makes its outgoing distribution connections from an address of
its own (127.0.0.11, .12, .13; all of 127/8 is loopback) and listens on its own port, which is how the rules
tell node N's traffic from the traffic between the other two.
EOF
}

die() { echo "cluster.sh: $*" >&2; exit 2; }

port() { echo $((base_port + $1 - 1)); }
dist_port() { echo $(($(port "$1") + 20000)); }
node_name() { echo "mediation-$(port "$1")@localhost"; }
# The address node N's outgoing distribution connections come from (partition/heal match on it).
dist_address() { echo "127.0.0.$((10 + $1))"; }

# scripts/rabbitmq.sh as node N.
on_node() {
  local n=$1
  shift
  RABBITMQ_PORT=$(port "$n") \
  RABBITMQ_MANAGEMENT_PORT=$((base_management + n - 1)) \
  RABBITMQ_DIST_PORT=$(dist_port "$n") \
  RABBITMQ_DIR=$dir/node-$n \
  RABBITMQ_EXTRA_ERL_ARGS="-kernel inet_dist_connect_options [{ip,{127,0,0,$((10 + n))}}] -kernel net_ticktime $net_ticktime" \
  RABBITMQ_EXTRA_CONFIG="# Three nodes: a node cut off from the other two is the minority and pauses (closing its clients'
# connections, which reconnect to the majority) until it sees them again. The majority goes on, so there is
# never more than one side taking messages; with autoheal both sides would, and the losing side's messages
# would be thrown away when the partition heals. It needs an odd number of nodes, hence three.
cluster_partition_handling = pause_minority" \
    "$root/scripts/rabbitmq.sh" "$@"
}

ctl() { local n=$1; shift; on_node "$n" ctl "$@"; }
is_up() { ctl "$1" ping >/dev/null 2>&1; }
# The Erlang VM runs and RabbitMQ in it serves (a paused node answers ping but does not serve).
is_serving() { [ "$(ctl "$1" eval 'rabbit:is_running().' 2>/dev/null)" = true ]; }

check_node() { [[ "${1:-}" =~ ^[1-3]$ ]] || die "N must be 1, 2 or 3, not '${1:-}'"; }

# One cookie for the three nodes and for rabbitmqctl on each (rabbitmq.sh gives each node HOME = its folder).
share_cookie() {
  local n cookie=$dir/.erlang.cookie
  mkdir -p "$dir"
  if [ ! -s "$cookie" ]; then
    (umask 077; head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$cookie")
  fi
  for n in $(seq "$size"); do
    mkdir -p "$dir/node-$n"
    if ! cmp -s "$cookie" "$dir/node-$n/.erlang.cookie"; then
      rm -f "$dir/node-$n/.erlang.cookie"
      cp "$cookie" "$dir/node-$n/.erlang.cookie"
      chmod 400 "$dir/node-$n/.erlang.cookie"
    fi
  done
}

# Whether node N is in node 1's cluster, as node N itself sees it. A node that does not answer is not taken for
# one outside the cluster: joining resets it, which would throw away a member's replicas.
is_member() {
  local members
  members=$(ctl "$1" eval 'rabbit_nodes:all().' 2>/dev/null) \
    || { echo "cluster.sh: node $1 does not answer rabbitmqctl, so whether it is in the cluster is unknown; see $dir/node-$1/log/" >&2; exit 1; }
  grep -q "'$(node_name 1)'" <<<"$members"
}

start_node() {
  local n=$1
  share_cookie
  on_node "$n" start | sed "s/^rabbitmq:/node $n:/"
}

join() {
  local n=$1
  is_member "$n" && return 0
  echo "node $n: joining $(node_name 1)"
  # A node that never joined, or whose cluster was made anew: its own empty database goes (reset).
  local step out
  for step in stop_app reset "join_cluster $(node_name 1)" start_app; do
    # shellcheck disable=SC2086 # the step is a command and its argument
    out=$(ctl "$n" $step 2>&1) || { echo "$out" >&2; echo "cluster.sh: node $n: rabbitmqctl $step failed" >&2; exit 1; }
  done
}

brokers() {
  share_cookie
  local n pids=() failed=0
  # Together: a node that was in the cluster waits, as it starts, for the members that ran when it stopped.
  for n in $(seq "$size"); do
    start_node "$n" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ "$failed" -eq 0 ] || { echo "cluster.sh: a node did not start; see $dir/node-N/log/" >&2; exit 1; }
  for n in $(seq 2 "$size"); do join "$n"; done
  echo "cluster: $(nodes) (management on 127.0.0.1:$base_management-$((base_management + size - 1)))"
}

nodes() {
  local n list=()
  for n in $(seq "$size"); do list+=("127.0.0.1:$(port "$n")"); done
  (IFS=,; echo "${list[*]}")
}

management() {
  local n list=()
  for n in $(seq "$size"); do list+=("http://127.0.0.1:$((base_management + n - 1))"); done
  (IFS=,; echo "${list[*]}")
}

kill_node() {
  local n=$1 pid pidfile=$dir/node-$1/rabbitmq.pid
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then echo "node $n: not running"; return 0; fi
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  echo "node $n: killed (pid $pid)"
}

# iptables: one chain per cut-off node, jumped to from OUTPUT on loopback (every loopback packet passes OUTPUT).
chain() { echo "mediation-cut-$(dist_port "$1")"; }

partition() {
  local n=$1 m chain
  chain=$(chain "$n")
  command -v iptables >/dev/null || die "partition needs iptables (apt-get install iptables) and root"
  iptables -N "$chain" 2>/dev/null || iptables -F "$chain"
  for m in $(seq "$size"); do
    [ "$m" -eq "$n" ] && continue
    # The connection node N opens to node M, both ways; then the one node M opens to node N, both ways.
    iptables -A "$chain" -p tcp -s "$(dist_address "$n")" --dport "$(dist_port "$m")" -j DROP
    iptables -A "$chain" -p tcp -d "$(dist_address "$n")" --sport "$(dist_port "$m")" -j DROP
    iptables -A "$chain" -p tcp -s "$(dist_address "$m")" --dport "$(dist_port "$n")" -j DROP
    iptables -A "$chain" -p tcp -d "$(dist_address "$m")" --sport "$(dist_port "$n")" -j DROP
  done
  iptables -C OUTPUT -o lo -j "$chain" 2>/dev/null || iptables -I OUTPUT -o lo -j "$chain"
  echo "node $n: cut off from the other nodes (Erlang distribution); clients still reach 127.0.0.1:$(port "$n")"
  echo "  it sees the others gone within about $net_ticktime s, pauses (pause_minority) and closes its clients' connections"
}

heal() {
  local n=$1 chain
  chain=$(chain "$n")
  command -v iptables >/dev/null || die "heal needs iptables"
  while iptables -D OUTPUT -o lo -j "$chain" 2>/dev/null; do :; done
  iptables -F "$chain" 2>/dev/null || true
  iptables -X "$chain" 2>/dev/null || true
  echo "node $n: reconnected to the other nodes; it resumes once it sees them"
}

status() {
  local n any=
  for n in $(seq "$size"); do
    if ! is_up "$n"; then
      echo "node $n $(node_name "$n") 127.0.0.1:$(port "$n"): stopped"
    elif is_serving "$n"; then
      echo "node $n $(node_name "$n") 127.0.0.1:$(port "$n"): running"
      any=${any:-$n}
    else
      echo "node $n $(node_name "$n") 127.0.0.1:$(port "$n"): paused or starting (RabbitMQ is not serving)"
    fi
    if iptables -C OUTPUT -o lo -j "$(chain "$n")" 2>/dev/null; then echo "  cut off from the others (cluster.sh heal $n)"; fi
  done
  [ -n "$any" ] || { echo "no node serves"; return 0; }
  echo
  echo "as node $any sees the cluster:"
  # Members, the running ones and any partition, from rabbitmqctl's sections (its colours taken out).
  ctl "$any" cluster_status 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk '
    /^(Disk Nodes|Running Nodes|Network Partitions)$/ { show = 1; print "  " $0 ":"; next }
    /^[A-Z][a-z]+( [a-z]+)*$/ { show = 0 }
    show && NF { print "    " $0 }' || true
  echo "quorum queues (name, members, online, leader), by virtual host:"
  local vhost
  while read -r vhost; do
    [ -n "$vhost" ] || continue
    echo "  $vhost"
    ctl "$any" list_queues -p "$vhost" --quiet --no-table-headers name type members online leader 2>/dev/null \
      | awk -F'\t' '$2 == "quorum" { printf "    %s\t%s\tonline %s\tleader %s\n", $1, $3, $4, $5 }'
  done < <(ctl "$any" list_vhosts --quiet --no-table-headers 2>/dev/null)
}

down() {
  "$root/scripts/down.sh"
  local n
  # Node 1 last: it is the one the others joined, and the last to stop is the first a restart waits for.
  for n in $(seq "$size" -1 1); do
    if is_up "$n"; then on_node "$n" stop | sed "s/^rabbitmq:/node $n:/"; fi
  done
}

case "${1:-}" in
  -h|--help) usage ;;
  brokers) brokers ;;
  # up.sh --cluster starts the brokers (cluster.sh brokers) before the services.
  up) shift; exec "$root/scripts/up.sh" --cluster --scale requests=2 --scale verification=2 --scale handover=2 "$@" ;;
  down) down ;;
  status) status ;;
  nodes) nodes ;;
  management) management ;;
  stop) check_node "${2:-}"; on_node "$2" stop | sed "s/^rabbitmq:/node $2:/" ;;
  kill) check_node "${2:-}"; kill_node "$2" ;;
  start) check_node "${2:-}"; start_node "$2" ;;
  partition) check_node "${2:-}"; partition "$2" ;;
  heal) check_node "${2:-}"; heal "$2" ;;
  ctl) check_node "${2:-}"; n=$2; shift 2; ctl "$n" "$@" ;;
  queues) check_node "${2:-}"; n=$2; shift 2; on_node "$n" queues "$@" ;;
  *) usage >&2; exit 2 ;;
esac
