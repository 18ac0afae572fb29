//! One office's database in a scratch folder, driven through the real binary with the
//! office's day set, and a reply sheet filled in LibreOffice Calc as a section would.

use std::path::Path;

/// One office's database in a scratch folder, driven through the real binary.
pub struct Office {
    /// The scratch folder and its database.
    pub dir: super::Dir,
}

impl Office {
    /// A new office with no database yet.
    pub fn new() -> Office {
        Office {
            dir: super::Dir::new(),
        }
    }

    /// `meyasu` on this office's database on the office's day `today`, as tanaka.
    pub fn cmd(&self, today: &str) -> assert_cmd::Command {
        let mut c = self.dir.cmd();
        c.env("MEYASU_TODAY", today).env("MEYASU_USER", "tanaka");
        c
    }

    /// Run `args` on `today`; it must succeed. Its standard output.
    pub fn ok(&self, today: &str, args: &[&str]) -> String {
        let out = self.cmd(today).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// A slip received on `received`, asked of `sections`, due `due`.
    pub fn add(
        &self,
        today: &str,
        received: &str,
        text: &str,
        sections: &[&str],
        due: &str,
    ) -> i64 {
        self.ok(
            today,
            &[
                "add", "--floor", "1", "--kind", "要望", "--date", received, text,
            ],
        );
        let id = self.count("SELECT max(id) FROM slip");
        let n = id.to_string();
        let mut args = vec!["assign", n.as_str()];
        args.extend(sections);
        args.extend(["--due", due]);
        self.ok(today, &args);
        id
    }

    /// `request --sheets` into the folder `name` on `today`: the one sheet written there.
    pub fn issue_sheet(&self, today: &str, name: &str) -> std::path::PathBuf {
        let dir = self.dir.join(name);
        self.ok(today, &["request", "--sheets", dir.to_str().unwrap()]);
        std::fs::read_dir(&dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
    }

    /// One number the database gives for `sql`.
    pub fn count(&self, sql: &str) -> i64 {
        rusqlite::Connection::open(self.dir.db())
            .unwrap()
            .query_row(sql, [], |r| r.get(0))
            .unwrap()
    }

    /// The first column of each row `sql` gives.
    pub fn texts(&self, sql: &str) -> Vec<String> {
        let c = rusqlite::Connection::open(self.dir.db()).unwrap();
        let mut st = c.prepare(sql).unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// `meyasu ARGS` under `sh -c 'umask MASK; exec …'`, as a login with that umask runs it.
    pub fn with_umask(&self, mask: &str, args: &[&str]) -> std::process::Output {
        let mut c = super::clean(std::process::Command::new("/bin/sh"));
        c.arg("-c")
            .arg(format!("umask {mask}; exec \"$0\" \"$@\""))
            .arg(super::BIN)
            .args(args)
            .env("MEYASU_DB", self.dir.db())
            .env("MEYASU_TODAY", "2024-03-20");
        c.output().unwrap()
    }
}

/// Fill `src` in LibreOffice Calc with one answer for slip `key` (tests/fill_sheet.py),
/// saved as `dst`, then dated `modified` as a file saved then would be.
pub fn fill(src: &Path, dst: &Path, key: i64, answer: &str, modified: std::time::SystemTime) {
    let edits = serde_json::json!({"rows": [{"key": key, "answer": answer, "by": "山田"}]});
    fill_with(src, dst, &edits, modified);
}

/// Fill `src` in LibreOffice Calc with `edits` (the format tests/fill_sheet.py takes),
/// saved as `dst`, then dated `modified`.
pub fn fill_with(
    src: &Path,
    dst: &Path,
    edits: &serde_json::Value,
    modified: std::time::SystemTime,
) {
    let json = dst.with_extension("json");
    std::fs::write(&json, edits.to_string()).unwrap();
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fill_sheet.py"))
        .args([src, dst, &json])
        .output()
        .expect("LibreOffice Calc and python3-uno are needed (.ci/run installs them)");
    assert!(
        out.status.success() && dst.exists(),
        "LibreOffice could not fill the sheet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(&json).unwrap();
    std::fs::File::options()
        .write(true)
        .open(dst)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

/// A slip entered straight into `store` on `on` (floor 1, 要望) and, when `sections` are
/// given, asked of them, due `on`: for the tests that drive the store or the TUI's app.
pub fn slip_in(
    store: &mut meyasu::store::Store,
    on: chrono::NaiveDate,
    text: &str,
    sections: &[&str],
) -> i64 {
    let id = store
        .add_slip(&meyasu::store::NewSlip {
            received_on: on,
            floor: "1".into(),
            kind: "要望".into(),
            body: text.into(),
            summary: None,
        })
        .unwrap();
    if !sections.is_empty() {
        let codes: Vec<String> = sections.iter().map(|s| s.to_string()).collect();
        store.assign(id, &codes, on, None).unwrap();
    }
    id
}
