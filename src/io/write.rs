//! Writing a file the user names, safely: never the database itself, never over an
//! existing file unless asked, and never half: the bytes go to a temporary file in the same
//! folder, which replaces the target only once it is complete and on disk. An output
//! takes the folder's group and the umask ([`crate::files::Access::Team`]): the team's
//! folder is the boundary; a person's own preview is theirs alone ([`Access::Owner`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
pub use crate::files::Access;

pub use crate::files::{database_files, same_file};

/// Write `bytes` to `path` readable as `access` says: refused if it is one of `protected`
/// (the database's files) or exists and `force` is not set. A failure (a full disk, a
/// mode that cannot be set) leaves nothing behind.
pub fn write_file(
    path: &Path,
    bytes: &[u8],
    protected: &[PathBuf],
    force: bool,
    access: Access,
) -> Result<()> {
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
    crate::files::apply_access(tmp.as_file(), access).map_err(failed)?;
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
