//! The file-system leaf: bounded reads, private files, and files that belong to the team's
//! folder. It knows nothing of slips or the database; its errors are `std::io::Error`s.
//!
//! Two rules for what meyasu writes (SECURITY.md, "Files belong to the team's folder"):
//! - **Kept copies** of the database (before a restore, before a schema upgrade) are
//!   created 0600 before a byte is written: [`create_private`].
//! - **Outputs** (reports, reply sheets, public lists, exports) go into a folder the user
//!   names, often the team's shared folder (setgid, group-writable): they take the
//!   folder's group (the kernel gives it in a setgid folder) and the process umask
//!   (`0666 & !umask`), as `cp` or Excel would. meyasu never changes the mode of a folder
//!   it did not create; a folder it creates is made with the umask and inherits the group
//!   and setgid bit from its parent.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::i18n::{Msg, tr, trf};

/// Read a small text file whole, refusing one larger than `max` bytes (or not a regular
/// file: a FIFO would block, a device never end) before reading past the limit.
pub fn read_bounded(path: &Path, max: u64) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other(tr(Msg::ErrNotRegularFile)));
    }
    let mut text = String::new();
    file.take(max + 1).read_to_string(&mut text)?;
    if text.len() as u64 > max {
        return Err(std::io::Error::other(trf(
            Msg::ErrSmallFileTooLarge,
            &[&(max / 1024)],
        )));
    }
    Ok(text)
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
pub fn same_file(a: &Path, b: &Path) -> bool {
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

/// Who may read a file meyasu writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// The team's: the folder's group and the process umask (`0666 & !umask`).
    Team,
    /// The owner's only (0600): a person's own preview (mail dry runs).
    Owner,
}

impl Access {
    /// The permission bits a file written with this access gets.
    pub fn file_mode(self) -> u32 {
        match self {
            Access::Team => 0o666 & !umask(),
            Access::Owner => 0o600,
        }
    }
}

/// The process umask, read once (from `/proc/self/status` where it is, so that no thread
/// ever sees a cleared mask; else set and put back at the first call).
pub fn umask() -> u32 {
    static MASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *MASK.get_or_init(|| {
        #[cfg(unix)]
        {
            let from_proc = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find_map(|l| l.strip_prefix("Umask:"))
                        .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
                });
            from_proc.unwrap_or_else(|| {
                // SAFETY: umask only swaps the process's mask; it is put back at once.
                unsafe {
                    let old = libc::umask(0o077);
                    libc::umask(old);
                    old as u32
                }
            })
        }
        #[cfg(not(unix))]
        {
            0o022
        }
    })
}

/// Give `file` (just written by this process) the mode `access` asks for. A failure is
/// returned, never swallowed: the file may hold slip text.
pub fn apply_access(file: &std::fs::File, access: Access) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(access.file_mode()))?;
    }
    #[cfg(not(unix))]
    let _ = (file, access);
    Ok(())
}

/// Make the folder `dir` (and any missing parents) if it is not there. Each folder made
/// gets the umask's mode and, in a setgid parent, the parent's group and setgid bit (as the
/// kernel gives them); with [`Access::Owner`] the folders made are 0700. A folder that was
/// already there is left exactly as it was. Returns the folders made, outermost first.
pub fn make_folder(dir: &Path, access: Access) -> std::io::Result<Vec<PathBuf>> {
    let mut missing = vec![];
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty()) {
        if d.exists() {
            break;
        }
        missing.push(d.to_path_buf());
        at = d.parent();
    }
    missing.reverse();
    for d in &missing {
        let mut b = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(match access {
                Access::Team => 0o777,
                Access::Owner => 0o700,
            });
        }
        match b.create(d) {
            Ok(()) => inherit_setgid(d)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(missing)
}

/// A folder just made in a setgid parent keeps the setgid bit even where the kernel or a
/// mode argument dropped it (some file systems), so the team's group carries on down.
fn inherit_setgid(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(());
        };
        let (p, d) = (std::fs::metadata(parent)?, std::fs::metadata(dir)?);
        if p.mode() & 0o2000 != 0 && d.mode() & 0o2000 == 0 && d.gid() == p.gid() {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(d.mode() | 0o2000))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().mode() & 0o7777
    }

    #[test]
    fn a_folder_made_in_a_setgid_folder_keeps_its_group_and_bit() {
        let t = tempfile::tempdir().unwrap();
        let team = t.path().join("share");
        std::fs::create_dir(&team).unwrap();
        std::fs::set_permissions(&team, std::fs::Permissions::from_mode(0o2770)).unwrap();
        let made = make_folder(&team.join("報告/回答票"), Access::Team).unwrap();
        assert_eq!(made.len(), 2);
        for d in &made {
            assert_ne!(mode(d) & 0o2000, 0, "{d:?} setgid");
            assert_eq!(
                std::fs::metadata(d).unwrap().gid(),
                std::fs::metadata(&team).unwrap().gid()
            );
        }
        assert_eq!(mode(&team), 0o2770, "the folder already there is untouched");
    }

    #[test]
    fn an_existing_folder_is_never_changed() {
        let t = tempfile::tempdir().unwrap();
        std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o2775)).unwrap();
        assert!(make_folder(t.path(), Access::Owner).unwrap().is_empty());
        assert_eq!(mode(t.path()), 0o2775);
    }

    #[test]
    fn team_files_follow_the_umask_and_owner_files_are_private() {
        assert_eq!(Access::Team.file_mode(), 0o666 & !umask());
        assert_eq!(Access::Owner.file_mode(), 0o600);
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("a.txt");
        let f = std::fs::File::create(&p).unwrap();
        apply_access(&f, Access::Owner).unwrap();
        assert_eq!(mode(&p), 0o600);
        apply_access(&f, Access::Team).unwrap();
        assert_eq!(mode(&p), 0o666 & !umask());
    }

    #[test]
    fn a_bounded_read_refuses_what_is_too_long() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("s.toml");
        std::fs::write(&p, "x".repeat(2048)).unwrap();
        assert!(read_bounded(&p, 1024).is_err());
        assert_eq!(read_bounded(&p, 4096).unwrap().len(), 2048);
    }
}
