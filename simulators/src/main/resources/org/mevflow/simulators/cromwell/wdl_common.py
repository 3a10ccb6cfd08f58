"""What the simulator's WDL helpers share: reading main.wdl with miniwdl.

Cromwell's draft-2 parser lets a declaration be named with a word miniwdl's draft-2 grammar
reserves (web-mev/demo-cromwell-workflow declares `File output = concat.fout`). Such a document
is read with the declaration renamed (`output__`); the names are mapped back wherever they reach
the caller (input keys, output names), so answers use the document's own names.
"""
import os
import re

import WDL

SUFFIX = "__"
TYPE = r"(?:File|String|Int|Float|Boolean|Object|Array\[[^\]=]*\]|Map\[[^\]=]*\]|Pair\[[^\]=]*\])[?+]*"


def load(folder):
    """(document, renames): renames maps each name miniwdl reads to the document's own."""
    path = os.path.join(folder, "main.wdl")
    with open(path) as f:
        text = f.read()
    renames = {}
    for _ in range(10):
        try:
            doc = WDL.load(path, path=[folder], check_quant=True, read_source=_reader(text))
            return doc, renames
        except WDL.Error.SyntaxError as e:
            m = re.search(r"unexpected keyword (\w+)", str(e))
            draft2 = not re.search(r"^\s*version\s+", text, re.MULTILINE)
            if not (m and draft2):
                raise
            word = m.group(1)
            renamed, n = re.subn(
                r"(^\s*" + TYPE + r"\s+)" + word + r"(\s*=)", r"\g<1>" + word + SUFFIX + r"\g<2>",
                text, flags=re.MULTILINE)
            if n == 0:
                raise
            text = renamed
            renames[word + SUFFIX] = word
    return WDL.load(path, path=[folder], check_quant=True, read_source=_reader(text)), renames


def _reader(main_text):
    async def read(uri, path, importer):
        if importer is None:
            return WDL.Tree.ReadSourceResult(source_text=main_text, abspath=os.path.abspath(uri))
        return await WDL.Tree.read_source_default(uri, path, importer)
    return read


def original_name(renames, name):
    """A (possibly dotted) name with each renamed part given its document name back."""
    return ".".join(renames.get(p, p) for p in name.split("."))


def read_name(renames, name):
    """A document name as miniwdl reads it."""
    back = {v: k for k, v in renames.items()}
    return ".".join(back.get(p, p) for p in name.split("."))
