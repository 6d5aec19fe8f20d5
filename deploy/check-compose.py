#!/usr/bin/env python3
"""Checks docker-compose.yml where no Docker (and no `docker compose config`) is available.

    python3 deploy/check-compose.py [path/to/compose-spec.json]

Loads the YAML (anchors and `<<` merges resolved), interpolates ${VAR:-default} as Compose does, validates the
result against the Compose specification's JSON schema when one is given (schema/compose-spec.json of
github.com/compose-spec/compose-spec; needs python3-jsonschema), and checks what the schema cannot: every
depends_on and volume exists, the nodes nginx's upstream names are services with healthchecks, and the nodes
share the data volume.
"""
import json
import os
import re
import sys

import yaml

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "docker-compose.yml"), encoding="utf-8") as f:
    text = f.read()


def interpolate(value):
    if isinstance(value, dict):
        return {k: interpolate(v) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\$\{(\w+)(?::?-([^}]*))?\}", lambda m: os.environ.get(m.group(1), m.group(2) or ""), value)
    return value


compose = interpolate(yaml.safe_load(text))
errors = []

if len(sys.argv) > 1:
    import jsonschema
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    # x- extension fields are allowed at the top level by the schema.
    for error in jsonschema.Draft7Validator(schema).iter_errors(compose):
        errors.append(f"schema: {'/'.join(map(str, error.path))}: {error.message}")

services = compose.get("services", {})
volumes = set((compose.get("volumes") or {}).keys())
for name, service in services.items():
    for dependency in service.get("depends_on", {}) or {}:
        if dependency not in services:
            errors.append(f"{name}: depends_on unknown service {dependency}")
    for volume in service.get("volumes", []) or []:
        source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source")
        if source and not source.startswith((".", "/")) and source not in volumes:
            errors.append(f"{name}: volume {source} is not declared")
        if source and source.startswith(".") and not os.path.exists(os.path.join(root, source)):
            errors.append(f"{name}: bind source {source} does not exist")

with open(os.path.join(root, "deploy", "nginx.conf"), encoding="utf-8") as f:
    nginx = f.read()
subnets = [entry.get("subnet") for entry in
           (((compose.get("networks") or {}).get("default") or {}).get("ipam") or {}).get("config", [])]
block = nginx.split("# nodes: begin", 1)[1].split("# nodes: end", 1)[0]
nodes = re.findall(r"server\s+([\w.-]+):(\d+)", block)
if len(nodes) < 2:
    errors.append("nginx.conf: fewer than two upstream nodes")
for host, port in nodes:
    service = services.get(host)
    if service is None:
        errors.append(f"nginx.conf: upstream {host} is not a service")
        continue
    if "healthcheck" not in service:
        errors.append(f"{host}: no healthcheck")
    if "portal-data:/var/lib/portal" not in service.get("volumes", []):
        errors.append(f"{host}: does not mount the shared data volume")
    if service.get("environment", {}).get("Portal__DataDirectory") != "/var/lib/portal":
        errors.append(f"{host}: Portal__DataDirectory is not the shared volume")
    environment = service.get("environment", {})
    if "ASPNETCORE_FORWARDEDHEADERS_ENABLED" in environment:
        errors.append(f"{host}: ASPNETCORE_FORWARDEDHEADERS_ENABLED adds a second forwarded-headers reader that believes anyone")
    if environment.get("ReverseProxy__KnownNetworks") not in subnets:
        errors.append(f"{host}: ReverseProxy__KnownNetworks is not the stack network's subnet ({', '.join(subnets) or 'none fixed'})")
    if (nginx_deps := services.get("nginx", {}).get("depends_on", {})).get(host, {}).get("condition") != "service_healthy":
        errors.append(f"nginx: does not wait for {host} to be healthy")
for name in ("db", "nginx"):
    if "healthcheck" not in services.get(name, {}):
        errors.append(f"{name}: no healthcheck")

for error in errors:
    print(error, file=sys.stderr)
print(f"docker-compose.yml: {len(services)} services ({', '.join(services)}), {len(volumes)} volumes, "
      f"nginx upstream {', '.join(h for h, _ in nodes)}: {'OK' if not errors else f'{len(errors)} problems'}")
sys.exit(1 if errors else 0)
