#!/usr/bin/env bash
# Set-up step of the network benchmark: Debian's PyTorch (python3-torch) for /usr/bin/python3.
# Run by `Siamese.Bench network` when `import torch` fails; needs root (or sudo) and the Debian package registry.
set -euo pipefail
if /usr/bin/python3 -c "import torch" 2>/dev/null; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-torch
/usr/bin/python3 -c "import torch; print('PyTorch', torch.__version__)"
