#!/usr/bin/env python3
"""gen-model.py N_COMPONENTS N_THREATS [SEED] -- write a synthetic, valid
premarket model of the given size to stdout (for `make bench`).  Deterministic."""
import random
import sys

nc = int(sys.argv[1])
nt = int(sys.argv[2])
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
na = max(10, nc // 10)
nk = max(10, nt // 50)
nz = 5
w = sys.stdout.write
w("""device:
  name: Bench Device
  version: "1.0"
  manufacturer: {name: Bench Manufacturing GmbH}
  submission_type: 510k
  intended_use: Synthetic model for benchmarks.
  use_environment: Hospital network.
  date: 2026-01-01
  cyber_device: {software: true, internet_connectable: true, vulnerable_characteristics: true, rationale: Networked.}
zones:
""")
for z in range(nz):
    w("  - {id: Z%d, name: Zone %d, trust: %s}\n" % (z, z, ["untrusted", "partially_trusted", "trusted"][z % 3]))
w("assets:\n")
harms = ["negligible", "minor", "serious", "critical", "catastrophic"]
for a in range(na):
    w("  - {id: A%d, name: Asset %d, kind: data, harm: {confidentiality: %s, integrity: %s, availability: %s}}\n"
      % (a, a, rnd.choice(harms), rnd.choice(harms), rnd.choice(harms)))
w("components:\n")
for c in range(nc):
    w("  - id: C%d\n    name: Component %d\n    kind: device\n    zone: Z%d\n    interfaces:\n"
      "      - {id: I%d, kind: ethernet, status: used, protocols: [HTTPS], ports: [443/tcp]}\n" % (c, c, c % nz, c))
w("controls:\n")
for k in range(nk):
    w("  - {id: K%d, title: Control %d, category: %s, requirement: The device shall do %d., status: implemented, effect: %s}\n"
      % (k, k, ["authentication", "authorization", "cryptography", "integrity", "confidentiality", "logging", "resiliency", "updatability"][k % 8],
         k, rnd.choice(["MAV:L", "MPR:H", "MAC:H", "MAV:A/MPR:L", "MUI:R"])))
w("threats:\n")
av = "NALP"
for t in range(nt):
    vec = "CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:%s/I:%s/A:%s" % (
        rnd.choice(av), rnd.choice("LH"), rnd.choice("NLH"), rnd.choice("NR"), rnd.choice("UC"),
        rnd.choice("NLH"), rnd.choice("NLH"), rnd.choice("NLH"))
    w("  - {id: T%d, title: Threat %d, stride: [tampering], targets: [I%d], assets: [A%d], cvss: '%s', controls: [K%d]}\n"
      % (t, t, rnd.randrange(nc), rnd.randrange(na), vec, rnd.randrange(nk)))
