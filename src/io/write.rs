//! Writing a file the user names, safely: never the database itself, never over an
//! existing file unless asked, and never half: the bytes go to a temporary file in the same
//! folder, which replaces the target only once it is complete and on disk. Files that hold
//! slip text are readable by their owner only.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The database's own files (the file, its `-wal` and `-shm`), which no output may replace.
pub fn database_files(db: &Path) -> Vec<PathBuf> {
    let mut out = vec![db.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        out.push(PathBuf::from(name));
    }
    out
}

/// The same file, as far as the file system can tell: the same device and inode when
/// both exist (a symbolic or hard link to the database is the database), else the same
/// path once `..` and links in its folder are resolved.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let resolve = |p: &Path| -> Option<PathBuf> {
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    };
    match (resolve(a), resolve(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Write `bytes` to `path`: refused if it is one of `protected` (the database's files) or
/// exists and `force` is not set. A failure (a full disk) leaves nothing behind.
pub fn write_file(path: &Path, bytes: &[u8], protected: &[PathBuf], force: bool) -> Result<()> {
    if protected.iter().any(|p| same_file(p, path)) {
        return Err(Error::OutputIsDatabase(path.to_path_buf()));
    }
    if path.is_dir() {
        return Err(Error::File {
            file: path.display().to_string(),
            problem: crate::error::FileProblem::Directory,
        });
    }
    if path.exists() && !force {
        return Err(Error::OutputExists(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let failed = |e: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        cause: e,
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".meyasu-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(failed)?;
    tmp.write_all(bytes).map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}

/// Create `path` new and empty, readable by its owner only from the first moment (mode
/// 0600; never an existing file), for a copy SQLite then writes into: a kept copy of the
/// database is never, even briefly, readable by others.
pub fn create_private(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path).map(|_| ())
}
