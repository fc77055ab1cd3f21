"""One-off helper: wrap un-annotated occurrences of already annotated identifier strings in a source file."""
import re, sys
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
for p in sys.argv[1:]:
    s = open(p, encoding="utf-8").read()
    found = {}
    for m in ANN.finditer(s):
        found.setdefault(m.group(1), m.group(2))
    for text in sorted(found, key=len, reverse=True):
        typ = found[text]
        parts = re.split(r"(\[\[.+?\|[A-Z_]+\]\])", s)
        for i in range(0, len(parts), 2):
            parts[i] = re.sub(r"(?<![\w\[])" + re.escape(text) + r"(?![\w\]])", f"[[{text}|{typ}]]", parts[i])
        s = "".join(parts)
    open(p, "w", encoding="utf-8").write(s)
