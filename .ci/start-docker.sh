#!/usr/bin/env bash
# Starts a Docker engine if none answers, and builds the small test image (no registry needed).
set -euo pipefail
if ! docker info >/dev/null 2>&1; then
  echo "Starting dockerd…"
  # Its own session: a job control group that ends (a CI step, a shell tool timing out) must not take the engine with it.
  (setsid dockerd >/tmp/dockerd.log 2>&1 </dev/null &)
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { echo "dockerd did not start; its log:"; tail -n 50 /tmp/dockerd.log; exit 1; }
fi
if ! docker image inspect opsbar-test/busybox:latest >/dev/null 2>&1; then
  echo "Building opsbar-test/busybox from busybox-static…"
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in sh sleep echo cat ls true false test wget nc httpd kill ps touch rm mkdir date; do
    ln -s busybox "$rootfs/bin/$applet"
  done
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' - opsbar-test/busybox:latest >/dev/null
  rm -rf "$rootfs"
fi
echo "Docker engine ready: $(docker version --format '{{.Server.Version}}')"
