"""Helper: tag untagged occurrences of identifiers already tagged elsewhere in the same source."""
import re, sys, glob
ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
for p in sys.argv[1:]:
    s = open(p, encoding="utf-8").read()
    head, body = s.split("\n---\n", 1)
    vals = {}
    for m in ID_RE.finditer(s):
        vals[m.group(1)] = m.group(2)
    for v, t in sorted(vals.items(), key=lambda x: -len(x[0])):
        # split body into tagged and untagged parts
        parts = re.split(r"(\{[^{}]*\})", body)
        for i in range(0, len(parts), 2):
            parts[i] = re.sub(r"(?<![\w{])" + re.escape(v) + r"(?![\w])", "{%s|%s}" % (v, t), parts[i])
        body = "".join(parts)
    open(p, "w", encoding="utf-8").write(head + "\n---\n" + body)
