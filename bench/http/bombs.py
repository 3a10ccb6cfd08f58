"""The cost of each bomb the API refuses, against a valid input in the same run on the same stack.

python3 bombs.py BASE WORT_TOKEN WEBMEV_JWT WORK IMG_OID STACK_PID

WORK/IMG_OID.sig is a valid signature of IMG_OID written by the real sourmash: the peer of the
submission bombs, sent to the same route (an operator's IMG submission).

Each row sends the bomb 3 times and reports the best wall time of the request (send to answer),
the answer's status, and the ratio against the peer: the valid input of that route sent the same
way. Then three of each bomb at once while the stack's heap is sampled (jcmd GC.heap_info), and
the stack is asked whether it is still healthy.
"""

import gzip
import io
import json
import os
import re
import sys
import threading
import time
import subprocess
import tempfile
import uuid

BASE, TOKEN, JWT, WORK, OID, PID = sys.argv[1:7]


def request(method, path, body=b"", headers=None):
    """Sent with curl, which reads an answer that comes before the whole body was sent: the time
    is until the whole answer arrived; curl stops sending when the server answered early."""
    with tempfile.NamedTemporaryFile(dir=WORK, delete=False) as f:
        f.write(body)
        name = f.name
    try:
        cmd = ["curl", "-s", "-o", name + ".out", "-X", method, "--max-time", "600",
               "-w", "%{http_code} %{time_total} %{content_type}"]
        for k, v in (headers or {}).items():
            cmd += ["-H", f"{k}: {v}"]
        if body:
            cmd += ["--data-binary", "@" + name]
        out = subprocess.run(cmd + [BASE + path], capture_output=True, text=True).stdout.split(" ", 2)
        with open(name + ".out", "rb") as answer:
            data = answer.read()
        return int(out[0]), out[2] if len(out) > 2 else "", data, float(out[1])
    finally:
        for n in (name, name + ".out"):
            if os.path.exists(n):
                os.remove(n)


def multipart(field, filename, data):
    boundary = "bench-" + uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + boundary}


def submission(data):
    body, headers = multipart("file", OID + ".sig.gz", data)
    headers["Authorization"] = "Bearer " + TOKEN
    return "POST", "/v1/submit/img/" + OID, body, headers


def upload(name, data):
    body, headers = multipart("datafile", name, data)
    headers["Authorization"] = "Bearer " + JWT
    return "POST", "/api/resources/upload/", body, headers


def workspace(body):
    headers = {"Authorization": "Bearer " + JWT, "Content-Type": "application/json"}
    return "POST", "/api/workspaces/", body, headers


class Fresh:
    """A request made anew for each send (a workspace name may be used once)."""

    def __init__(self, make):
        self.make = make


def gz(chunks):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as f:
        for c in chunks:
            f.write(c)
    return out.getvalue()


def repeated(piece, total):
    block = piece * max(1, (1 << 20) // len(piece))
    sent = 0
    while sent < total:
        yield block
        sent += len(block)


def signature(mins):
    return (
        '[{"class":"sourmash_signature","email":"","hash_function":"0.murmur64",'
        '"filename":"-","name":"' + OID + '","license":"CC0","version":0.4,"signatures":'
        '[{"num":0,"ksize":31,"seed":42,"max_hash":18446744073709552,"molecule":"dna",'
        '"md5sum":"0","mins":[' + mins
    ).encode()


# the bombs, each with the valid input it is compared with
with open(os.path.join(WORK, OID + ".sig"), "rb") as f:
    valid_signature = gz([f.read()])
spaces = gz(repeated(b" ", 1 << 30))  # 1 GiB of spaces, about 1 MB gzipped
# 200 MB of one hash repeated (33 million hashes): the heap bomb
one_hash = gz([signature("")] + list(repeated(b"12345,", 200_000_000)) + [b"1]}]}]"])
# a workspace whose name is nested 5 million arrays deep
nested = b'{"workspace_name":' + b"[" * 5_000_000 + b"]" * 5_000_000 + b"}"


def valid_json():
    return json.dumps({"workspace_name": "bench " + uuid.uuid4().hex[:8]}).encode()

ROWS = [
    ("submission: 1 GiB of spaces, gzipped", submission(spaces), "sourmash's signature",
     submission(valid_signature)),
    ("submission: one hash repeated, 200 MB gzipped", submission(one_hash),
     "sourmash's signature", submission(valid_signature)),
    ("JSON nested 5 million deep", workspace(nested), "valid workspace",
     Fresh(lambda: workspace(valid_json()))),
]


def best(req, times=3):
    runs = [request(*(req.make() if isinstance(req, Fresh) else req)) for _ in range(times)]
    return min(runs, key=lambda r: r[3])


print()
print("| bomb | bytes sent | answer | best s to answer | peer | peer answer | peer s | vs peer |")
print("|---|---:|---|---:|---|---|---:|---:|")
for label, bomb, peer_label, peer in ROWS:
    b = best(bomb)
    p = best(peer)
    if b[0] >= 500 or b[0] < 400 or "problem+json" not in b[1]:
        sys.exit(f"bench/http: {label} answered {b[0]} {b[1]}: {b[2][:300]!r}")
    print(
        f"| {label} | {len(bomb[2])} | {b[0]} | {b[3]:.3f} | {peer_label} | {p[0]} | {p[3]:.3f} "
        f"| {b[3] / p[3]:.1f}x |"
    )

# three of each at once, the heap sampled meanwhile; then: is the stack healthy?
def heap_used_mib():
    out = subprocess.run(["jcmd", PID, "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"heap\s+total \d+K, used (\d+)K", out)
    return int(m.group(1)) / 1024 if m else float("nan")


before = heap_used_mib()
peak = [before]
done = threading.Event()


def sample():
    while not done.is_set():
        peak.append(heap_used_mib())
        time.sleep(0.1)


sampler = threading.Thread(target=sample)
sampler.start()
threads = [
    threading.Thread(target=request, args=bomb) for _, bomb, _, _ in ROWS for _ in range(3)
]
started = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
together = time.monotonic() - started
done.set()
sampler.join()
status, _, body, _ = request("GET", "/actuator/health")
print()
print(
    f"{len(threads)} bombs at once answered in {together:.2f} s; heap used {before:.0f} MiB before,"
    f" at most {max(peak):.0f} MiB while they ran ({len(peak)} samples); then health {status}"
    f" {json.loads(body).get('status')}"
)
