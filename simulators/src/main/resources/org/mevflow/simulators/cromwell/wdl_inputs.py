"""Reads a submitted workflow with miniwdl and checks its inputs as Cromwell does.

Usage: python wdl_inputs.py DIR
DIR holds main.wdl (the workflow source), the dependencies beside it, and inputs.json. Prints one
JSON object: {"workflow": name, "errors": [...], "inputs": {fully qualified name: value},
"files": [...]} where the inputs are the submitted ones plus every input declaration whose default
could be evaluated from them, "files" the values given to File inputs (in arrays, maps and pairs
too: what must be localized before the run), and each error is one of Cromwell's input-processing
reasons (an unexpected input, a required input not given, a value of the wrong type). A workflow
that does not parse or check gives the parser's message as its one error.
"""
import json
import os
import sys

import WDL

from wdl_common import load, original_name, read_name


def main(folder):
    out = {"workflow": None, "errors": [], "inputs": {}, "files": []}
    try:
        doc, renames = load(folder)
    except WDL.Error.MultipleValidationErrors as e:
        out["errors"] = ["Failed to process workflow definition: " + str(x) for x in e.exceptions]
        return out
    except (WDL.Error.SyntaxError, WDL.Error.ValidationError, WDL.Error.ImportError) as e:
        out["errors"] = ["Failed to process workflow definition: " + str(e)]
        return out
    wf = doc.workflow
    if wf is None:
        out["errors"] = ["Failed to process workflow definition: no workflow in main.wdl"]
        return out
    out["workflow"] = wf.name
    with open(os.path.join(folder, "inputs.json")) as f:
        given = json.load(f)
    available = {original_name(renames, b.name): b.value for b in wf.available_inputs}
    required = {original_name(renames, b.name) for b in wf.required_inputs}
    prefix = wf.name + "."
    values = {}
    for key, value in given.items():
        name = key[len(prefix):] if key.startswith(prefix) else None
        if name not in available:
            out["errors"].append(
                "Unexpected input provided: %s (expected inputs: [%s])"
                % (key, ", ".join(prefix + n for n in sorted(available)))
            )
            continue
        decl = available[name]
        try:
            values[name] = WDL.Value.from_json(decl.type, value)
            collect_files(values[name], out["files"])
        except Exception as e:  # the type does not take this JSON value
            out["errors"].append(
                "Failed to evaluate input '%s' (reason 1 of 1): No coercion defined from '%s' of"
                " type '%s' to '%s'. %s" % (key, json.dumps(value), type(value).__name__,
                                              str(decl.type), e)
            )
    for name in sorted(required):
        if name not in values and prefix + name not in given:
            out["errors"].append("Required workflow input '%s%s' not specified" % (prefix, name))
    if out["errors"]:
        return out
    # declarations with defaults: evaluated where they depend only on what is known
    env = WDL.Env.Bindings()
    for name, value in values.items():
        env = env.bind(read_name(renames, name).split(".")[-1], value)
    stdlib = WDL.StdLib.Base(wdl_version=doc.effective_wdl_version)
    for name in sorted(available):
        decl = available[name]
        if name in values or decl.expr is None:
            continue
        try:
            values[name] = decl.expr.eval(env, stdlib=stdlib)
        except Exception:
            continue  # left to the run: it depends on what only the run knows
    out["inputs"] = {prefix + n: v.json for n, v in values.items()}
    return out


def collect_files(value, files):
    if isinstance(value, WDL.Value.File):
        files.append(value.value)
    for child in getattr(value, "children", []) or []:
        collect_files(child, files)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
