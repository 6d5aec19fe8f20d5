#!/usr/bin/env python3
"""Attributes perf samples of the portal to what they were doing.

    python3 bench/profile/attribute.py app.stacks     # from: perf script -F comm,tid,ip,sym,dso

Each sample goes to the innermost frame (leaf first) that matches a kind below, so an allocation or a system call
counts for the library that made it; GC threads count as GC; a sample with no frame of a known kind (stripped
runtime code, the kernel under it) counts as "runtime, unresolved".
"""
import collections
import re
import sys

KINDS = [
    ("thread pool spinning or waiting for work", r"LowLevelLifoSemaphore|PortableThreadPool\+WorkerThread|LowLevelSpinWaiter|SpinWait"),
    ("response compression (Brotli, gzip)", r"Brotli|Deflate|ZLib|libSystem\.IO\.Compression"),
    ("SkiaSharp (photo checks, captcha)", r"SkiaSharp|libSkiaSharp"),
    ("SQLite", r"libe_sqlite3|Microsoft\.Data\.Sqlite|SQLitePCL"),
    ("EF Core", r"Microsoft\.EntityFrameworkCore"),
    ("Data Protection and crypto (cookies, antiforgery)", r"Microsoft\.AspNetCore\.DataProtection|libcrypto|System\.Security\.Cryptography"),
    ("antiforgery tokens", r"Antiforgery\.(Internal\.)?(DefaultAntiforgery|Default.*Token|BinaryBlob|AntiforgerySerialization)"),
    ("Blazor static rendering", r"Microsoft\.AspNetCore\.Components\.(RenderTree|Rendering|HtmlRendering|Web\.HtmlRendering|Forms|Sections|ComponentBase)"
                               r"|EndpointHtmlRenderer|BuildRenderTree|Microsoft\.AspNetCore\.Components\.Endpoints\.(Infrastructure|FormMapping|HttpContextFormDataProvider)"),
    ("photo and file writes", r"System\.IO\.(FileStream|RandomAccess|Strategies)|SafeFileHandle|System\.IO\.File::"),
    ("form and multipart reading", r"FormFeature|MultipartReader|FormReader|FormPipeReader|WebUtilities"),
    ("System.Text.Json", r"System\.Text\.Json"),
    ("logging", r"Microsoft\.Extensions\.Logging"),
    ("the portal's own code", r"\] Portal\."),
    ("Kestrel, sockets, HTTP/1.1", r"Kestrel|System\.Net\.Sockets|System\.IO\.Pipelines|libSystem\.Native"),
    ("routing, middleware, DI", r"Microsoft\.AspNetCore\.|Microsoft\.Extensions\.DependencyInjection"),
]
KINDS = [(name, re.compile(pattern)) for name, pattern in KINDS]
GC_THREADS = re.compile(r"^\.NET (BGC|Server GC|GC)")

samples, thread, frames = [], None, None
with open(sys.argv[1], errors="replace") as stacks:
    for line in stacks:
        if not line.strip():
            if frames is not None:
                samples.append((thread, frames))
            frames = None
        elif not line[0].isspace():
            thread, frames = line.strip(), []
        else:
            frames.append(line.strip())
if frames is not None:
    samples.append((thread, frames))


def kind_of(thread, frames):
    if GC_THREADS.match(thread):
        return "GC (its own threads)"
    for frame in frames:
        for name, pattern in KINDS:
            if pattern.search(frame):
                return name
    return "runtime, unresolved (JIT, stubs, allocation, kernel)"


counts = collections.Counter(kind_of(t, f) for t, f in samples)
total = len(samples) or 1
print(f"{len(samples)} samples")
for name, count in counts.most_common():
    print(f"  {100 * count / total:5.1f} %  {name}")
