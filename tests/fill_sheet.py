#!/usr/bin/python3
"""Fill in a meyasu reply sheet the way a section would, in LibreOffice Calc itself
(headless, through UNO), and save it as Excel 2007+ (.xlsx), as Calc does.

    /usr/bin/python3 tests/fill_sheet.py IN.xlsx OUT.xlsx EDITS.json

EDITS.json: {"rows": [{"key": 2, "answer": "…", "outcome": "改善した", "by": "山田"}],
             "formula": {"key": 3, "text": "=1+1"},      # a formula typed into an answer
             "sort_descending": true,                   # sort the rows by 受付番号, last first
             "insert_row_above_first": true,            # a liaison's own row
             "delete_instructions": true,               # the framed how-to removed
             "binding": {"row": 2, "text": "kumin"}}    # forge the hidden binding sheet

Used by tests/reply_sheets.rs; needs LibreOffice Calc and python3-uno (.ci/run installs
them).
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            return resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not start")


def find_key_row(sheet):
    for r in range(0, 40):
        for c in range(0, 20):
            if sheet.getCellByPosition(c, r).getString() == "meyasu-key":
                return r, c
    raise SystemExit("no meyasu-key header")


def columns(sheet, head_row):
    cols = {}
    for c in range(0, 20):
        cols[sheet.getCellByPosition(c, head_row).getString()] = c
    return cols


def main():
    src, dst, edits_path = sys.argv[1:4]
    edits = json.load(open(edits_path, encoding="utf-8"))
    profile = tempfile.mkdtemp(prefix="meyasu-lo-")
    pipe = f"meyasu{os.getpid()}"
    office = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo",
        f"-env:UserInstallation=file://{profile}",
        f"--accept=pipe,name={pipe};urp;",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        ctx = connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
            (prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        # A section's liaison works with the sheet's protection on, as Excel opens it;
        # the tests that change more take it off as anyone could (it has no password).
        if any(k in edits for k in ("sort_descending", "insert_row_above_first",
                                    "delete_instructions", "binding")):
            sheet.unprotect("")
        head, key_col = find_key_row(sheet)
        if edits.get("delete_instructions"):
            sheet.Rows.removeByIndex(0, head)
            head = 0
        cols = columns(sheet, head)

        # Each row's key, read once, down to the first row without one.
        rows_by_key = {}
        r = head + 1
        while sheet.getCellByPosition(key_col, r).getString() != "":
            rows_by_key.setdefault(sheet.getCellByPosition(key_col, r).getValue(), r)
            r += 1

        def row_of(key):
            if key not in rows_by_key:
                raise SystemExit(f"no row for {key}")
            return rows_by_key[key]

        for e in edits.get("rows", []):
            r = row_of(e["key"])
            if "answer" in e:
                sheet.getCellByPosition(cols["回答"], r).setString(e["answer"])
            if "outcome" in e:
                sheet.getCellByPosition(cols["対応区分"], r).setString(e["outcome"])
            if "by" in e:
                sheet.getCellByPosition(cols["回答者"], r).setString(e["by"])
        if "formula" in edits:
            f = edits["formula"]
            sheet.getCellByPosition(cols["回答"], row_of(f["key"])).setFormula(f["text"])
        if edits.get("insert_row_above_first"):
            sheet.Rows.insertByIndex(head + 1, 1)
            sheet.getCellByPosition(cols["回答"], head + 1).setString("連絡員のメモ")
        if edits.get("sort_descending"):
            last = head + 1
            while sheet.getCellByPosition(key_col, last + 1).getString() != "":
                last += 1
            rng = sheet.getCellRangeByPosition(0, head + 1, key_col, last)
            field = uno.createUnoStruct("com.sun.star.table.TableSortField")
            field.Field = 0
            field.IsAscending = False
            rng.sort((prop("SortFields", uno.Any(
                "[]com.sun.star.table.TableSortField", (field,))),))
        if "binding" in edits:
            hidden = doc.Sheets.getByName("meyasu")
            hidden.unprotect("")
            b = edits["binding"]
            hidden.getCellByPosition(0, b["row"]).setString(b["text"])
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "Calc MS Excel 2007 XML"),))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        # soffice is a launcher: Calc itself (soffice.bin) is its child, in the session
        # started for it, so a sheet that failed does not leave Calc running.
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


if __name__ == "__main__":
    main()
