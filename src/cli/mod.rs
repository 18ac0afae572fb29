//! The shell subcommands. They never enter raw mode; output aligns Japanese text by
//! terminal cells and every slip text is sanitised before it reaches the terminal.

mod admin;
mod args;
mod asks;
mod files;
pub mod help;
mod output;
mod sections;
mod show;
mod slips;
mod templates;

pub use args::{AddArgs, ListArgs, OutputArgs, PeriodArgs, ReportArgs, date_arg, filter_from};
pub use sections::SectionAction;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::config;
use crate::error::Error;
use crate::i18n::Lang;
use crate::store::Store;

/// meyasu (目安箱): the suggestion-box tool for a ward office.
///
/// With no command it opens the terminal UI. The commands below do the same work
/// from a shell or a script.
#[derive(Debug, Parser)]
#[command(name = "meyasu", version = crate::VERSION, about, long_about = None)]
pub struct Cli {
    /// Database file [default: $MEYASU_DB, else db in /etc/meyasu/config.toml, else
    /// ~/.local/share/meyasu/meyasu.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Interface language: ja or en [default: lang in /etc/meyasu/config.toml, else from LANG]
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,

    /// Liaison mode: one section's slips only (by section code). The TUI then offers only
    /// that section's replies; of the shell commands only list, show and reply work
    #[arg(long, value_name = "CODE", env = "MEYASU_SECTION")]
    pub section: Option<String>,

    /// Let the TUI use the mouse (off by default so the terminal's own copy works)
    #[arg(long)]
    pub mouse: bool,

    /// What to do (none: open the TUI)
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use ja or en"))
}

/// The shell subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Enter a slip. The text comes from --text, the arguments, or standard input.
    Add(AddArgs),
    /// List slips, newest first, with filters.
    List(ListArgs),
    /// Show one slip with its replies and history.
    Show {
        /// The slip's number (受付番号)
        id: i64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Slips whose text is like this one's, most alike first (through the text index).
    Similar {
        /// The slip's number (受付番号)
        id: i64,
        /// How many [default: 5]
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Sections suggested for a slip, from the duties (事務分掌) its text names and the
    /// sections of the slips most like it, with the reasons.
    Suggest {
        /// The slip's number (受付番号)
        id: i64,
        /// Print JSON instead of text (scores and reasons)
        #[arg(long)]
        json: bool,
        /// Show every term that counted and its weight
        #[arg(long)]
        explain: bool,
    },
    /// Ask one or more sections to reply, by a due date (moves the slip to assigned).
    ///
    /// Sections already asked stay, with their replies; --replace makes the list exactly
    /// the one given. Removing a section that has replied needs --even-if-replied, and
    /// its reply stays on record.
    Assign {
        /// The slip's number
        id: i64,
        /// Section codes or names, e.g. kumin 保険年金課
        #[arg(required = true)]
        sections: Vec<String>,
        /// Due date [default: the slip's due date if still ahead, else today + the reply period]
        #[arg(long)]
        due: Option<String>,
        /// Make these the slip's only sections (others are removed)
        #[arg(long)]
        replace: bool,
        /// Also remove sections that have already replied (their replies stay on record)
        #[arg(long)]
        even_if_replied: bool,
    },
    /// Stop asking a section (or several) to reply to a slip.
    ///
    /// A section that has replied is removed only with --even-if-replied; its reply stays
    /// on record, shown as from a section no longer assigned. When every section left has
    /// replied, the slip becomes answered.
    Unassign {
        /// The slip's number
        id: i64,
        /// Section codes or names
        #[arg(required = true)]
        sections: Vec<String>,
        /// Also remove sections that have already replied
        #[arg(long)]
        even_if_replied: bool,
    },
    /// Record a section's reply (a liaison marks the response done).
    Reply {
        /// The slip's number
        id: i64,
        /// The replying section (code or name) [default: the liaison's section, else the
        /// slip's only section]
        section: Option<String>,
        /// The reply text (else read from standard input)
        #[arg(long, allow_hyphen_values = true)]
        text: Option<String>,
        /// Date of the reply [default: today]
        #[arg(long)]
        date: Option<String>,
        /// What it led to (対応区分: code or name, e.g. improved or 改善した; `none` for
        /// none); kept as recorded when not given
        #[arg(long)]
        outcome: Option<String>,
    },
    /// Change a slip's status: new, assigned, answered, published, no_reply.
    Status {
        /// The slip's number
        id: i64,
        /// The new status (code or label, e.g. published or 公表済)
        state: String,
        /// Why (needed to reopen a closed slip)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Void a slip entered by mistake (取消): it leaves every list and count but
    /// `list --voided`, keeps its history, and `--undo` brings it back.
    Void {
        /// The slip's number
        id: i64,
        /// Why (needed to void)
        #[arg(long, required_unless_present = "undo")]
        reason: Option<String>,
        /// Restore a voided slip as it was
        #[arg(long, conflicts_with = "reason")]
        undo: bool,
    },
    /// Print a shell completion script: `meyasu completions bash > ~/.local/share/bash-completion/completions/meyasu`.
    Completions {
        /// bash, zsh, fish, powershell or elvish
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `meyasu man > ~/.local/share/man/man1/meyasu.1`.
    Man,
    /// Mark a slip as a duplicate of another (closes it as needing no reply).
    Duplicate {
        /// The duplicate slip's number
        id: i64,
        /// The original slip's number
        of: i64,
    },
    /// Approve a section's reply that waits for review: it counts from now on (回答済 when
    /// every section's reply does).
    Approve {
        /// The slip's number
        id: i64,
        /// The section whose reply it is (code or name)
        section: String,
    },
    /// Send a section's reply that waits for review back, with the reason the liaison sees.
    Return {
        /// The slip's number
        id: i64,
        /// The section whose reply it is (code or name)
        section: String,
        /// Why (required)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Each section's newly assigned slips not yet asked about (依頼): as text, a printable
    /// page (--html), or mailed (--mail; --dry-run DIR writes .eml files). What is mailed
    /// (or --record: handed over) is recorded, so no slip is asked twice.
    Request(asks::AskArgs),
    /// Each section's overdue slips and replies sent back (督促), as `request` does.
    Remind(asks::AskArgs),
    /// Read filled reply sheets (回答票 .xlsx, or .eml files with them attached, or a
    /// folder of them): show slip by slip what each would record; --apply records it.
    Collect {
        /// Files or folders
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Record the new and changed replies (as the section's, waiting for review
        /// when the office reviews replies)
        #[arg(long)]
        apply: bool,
    },
    /// Reply templates (定型文) per section: list, add, edit, remove.
    Templates {
        /// What to do (none: list)
        #[command(subcommand)]
        action: Option<templates::TemplateAction>,
        /// Only this section's (code or name)
        #[arg(long = "for", value_name = "SECTION")]
        only: Option<String>,
    },
    /// Show the office settings, or set one: `meyasu settings set review_replies false`.
    Settings {
        /// `set KEY VALUE`, or nothing to list
        #[arg(num_args = 0..=3)]
        args: Vec<String>,
    },
    /// List or change the sections (課).
    Sections {
        /// What to do (none: list)
        #[command(subcommand)]
        action: Option<SectionAction>,
    },
    /// Import slips from a CSV (UTF-8 or Shift_JIS) or xlsx file: all rows or none.
    Import {
        /// The file
        file: PathBuf,
        /// Check the file and say what would be imported, without writing
        #[arg(long)]
        dry_run: bool,
        /// Accept dates received after today (refused otherwise, as likely typos)
        #[arg(long)]
        allow_future: bool,
    },
    /// Export slips (same filters as list) as CSV, xlsx or JSON.
    Export {
        /// Where and how (format: csv, xlsx or json; default csv)
        #[command(flatten)]
        out: OutputArgs,
        /// Which slips
        #[command(flatten)]
        filter: ListArgs,
    },
    /// The public reply list (answered slips, personal data masked) as HTML or CSV.
    Publish {
        /// Which period
        #[command(flatten)]
        period: PeriodArgs,
        /// Where and how (format: html or csv; default html)
        #[command(flatten)]
        out: OutputArgs,
        /// Mail the list as an attachment to these addresses (through the relay in the
        /// settings); without -o nothing is printed
        #[arg(long, value_name = "ADDRESS")]
        mail: Vec<String>,
    },
    /// Mark text of a slip as private (masked in the public list), or --remove it.
    Mask {
        /// The slip's number
        id: i64,
        /// The text as written in the slip (e.g. a name)
        text: Option<String>,
        /// Unmark this text (or, with no text, every mark)
        #[arg(long)]
        remove: bool,
    },
    /// Keep a slip off the public list (hide) or put it back (show).
    Publication {
        /// The slip's number
        id: i64,
        /// hide or show
        #[arg(value_parser = ["hide", "show"])]
        state: String,
    },
    /// Copy the database to FILE while it is in use (SQLite online backup).
    Backup {
        /// Backup file to create
        file: PathBuf,
        /// Replace the file if it exists (a second backup the same day)
        #[arg(long)]
        force: bool,
    },
    /// Replace the database with a backup, after checking it (keeps a copy of the current one).
    Restore {
        /// Backup file
        file: PathBuf,
        /// Do not ask for confirmation
        #[arg(long)]
        yes: bool,
    },
    /// Count slips by month for a fiscal year or a month: text, CSV, Excel or HTML.
    Report(ReportArgs),
    /// Add generated slips (for benchmarks and trying meyasu at scale; `--features dev`).
    #[cfg(feature = "dev")]
    #[command(hide = true)]
    Gen {
        /// How many slips
        #[arg(long)]
        slips: usize,
        /// Over how many fiscal years before today
        #[arg(long, default_value_t = 10)]
        years: u32,
    },
    /// Render the README's screenshots (SVG) from the real views over the demo data
    /// (`--features dev`).
    #[cfg(feature = "dev")]
    #[command(hide = true)]
    Screenshots {
        /// Folder to write into
        #[arg(default_value = "screenshots")]
        dir: PathBuf,
    },
    /// Create the database (seeded with sections, floors and kinds) if it does not exist.
    ///
    /// Commands that only read or change slips never create one, so a mistyped --db is an
    /// error; `init`, `add`, `import`, `demo` and the TUI do.
    Init,
    /// Load the demo slips (a fiscal year of invented examples).
    Demo {
        /// Load into a new temporary database and print its path
        #[arg(long)]
        temp: bool,
        /// Load even if the database already has slips
        #[arg(long)]
        force: bool,
    },
}

/// What every command is run with: the database named on the command line, today, and
/// the liaison's section when `--section` / `MEYASU_SECTION` is set.
pub struct Ctx {
    /// `--db`, else `MEYASU_DB`, else the default path.
    pub db: Option<PathBuf>,
    /// Today (`MEYASU_TODAY` when set): `clock.today()` when the command began.
    pub today: NaiveDate,
    /// The one clock (the office's day, the wall's time of day) every stamp reads.
    pub clock: crate::clock::Clock,
    /// Liaison mode: the section code.
    pub liaison: Option<String>,
}

impl Ctx {
    /// Open the database the command line names, creating it if it does not exist (the
    /// commands that enter slips, `init` and `demo`).
    pub fn store(&self) -> anyhow::Result<Store> {
        let mut store = open_store(self.db.as_deref())?;
        store.set_liaison(self.liaison.clone());
        store.set_clock(self.clock);
        Ok(store)
    }

    /// Open the database the command line names, which must exist: a command that reads
    /// or changes slips never creates an empty database at a mistyped path.
    pub fn existing(&self) -> anyhow::Result<Store> {
        crate::store::must_exist(&config::db_path(self.db.as_deref()))?;
        self.store()
    }
}

/// Run a shell subcommand: only dispatching; each command group lives in its own file.
pub fn run(cli: &Cli, command: &Command) -> anyhow::Result<()> {
    let clock = crate::clock::Clock::system();
    let cx = Ctx {
        db: cli.db.clone(),
        today: clock.today(),
        clock,
        liaison: liaison_section(cli, command)?,
    };
    let out = &mut std::io::stdout().lock();
    match command {
        Command::Demo { temp, force } => admin::demo(&cx, temp, force, out),
        Command::Report(a) => files::report(&cx, a, out),
        Command::Import {
            file,
            dry_run,
            allow_future,
        } => files::import(&cx, file, dry_run, allow_future, out),
        Command::Export { out: o, filter } => files::export(&cx, o, filter, out),
        Command::Publish {
            period,
            out: o,
            mail,
        } => files::publish(&cx, period, o, mail, out),
        Command::Mask { id, text, remove } => slips::mask(&cx, id, text, remove, out),
        Command::Publication { id, state } => slips::publication(&cx, id, state, out),
        Command::Backup { file, force } => admin::backup(&cx, file, *force, out),
        Command::Restore { file, yes } => admin::restore(&cx, file, yes, out),
        #[cfg(feature = "dev")]
        Command::Gen { slips, years } => admin::generate(&cx, slips, years, out),
        // The binary renders the screenshots: the shell commands do not reach into the TUI.
        #[cfg(feature = "dev")]
        Command::Screenshots { .. } => unreachable!("main renders the screenshots"),
        Command::Add(a) => slips::add(&cx, a, out),
        Command::List(a) => show::list_slips(&cx, a, out),
        Command::Show { id, json } => show::show_slip(&cx, id, json, out),
        Command::Similar { id, limit, json } => show::similar(&cx, *id, *limit, *json, out),
        Command::Suggest { id, json, explain } => show::suggest(&cx, *id, *json, *explain, out),
        Command::Assign {
            id,
            sections,
            due,
            replace,
            even_if_replied,
        } => slips::assign(&cx, id, sections, due, replace, even_if_replied, out),
        Command::Unassign {
            id,
            sections,
            even_if_replied,
        } => slips::unassign(&cx, id, sections, even_if_replied, out),
        Command::Reply {
            id,
            section,
            text,
            date,
            outcome,
        } => slips::reply(
            &cx,
            id,
            section.as_deref(),
            text,
            date,
            outcome.as_deref(),
            out,
        ),
        Command::Status { id, state, reason } => slips::status(&cx, id, state, reason, out),
        Command::Completions { shell } => admin::completions(&cx, shell, out),
        Command::Man => admin::man(&cx, out),
        Command::Init => admin::init(&cx, out),
        Command::Void { id, reason, undo } => slips::void(&cx, id, reason, undo, out),
        Command::Approve { id, section } => slips::approve(&cx, *id, section, out),
        Command::Return {
            id,
            section,
            reason,
        } => slips::return_reply(&cx, *id, section, reason.as_deref(), out),
        Command::Settings { args } => admin::settings(&cx, args, out),
        Command::Templates { action, only } => {
            templates::templates(&cx, action.as_ref(), only.as_deref(), out)
        }
        Command::Request(a) => asks::ask(&cx, crate::store::AskKind::Request, a, out),
        Command::Collect { paths, apply } => asks::collect(&cx, paths, *apply, out),
        Command::Remind(a) => asks::ask(&cx, crate::store::AskKind::Remind, a, out),
        Command::Duplicate { id, of } => slips::duplicate(&cx, id, of, out),
        Command::Sections { action } => sections::sections_cmd(&cx, action, out),
    }
}

/// Open the store named by `--db`/`MEYASU_DB`/the default.
pub fn open_store(db: Option<&std::path::Path>) -> anyhow::Result<Store> {
    Ok(Store::open_default(db)?)
}

/// The liaison's section code when `--section` / `MEYASU_SECTION` is set, after checking
/// that `command` is one a liaison may run: `list` and `show` (their section's slips and
/// reply only) and `reply` (for their section). Everything else is refused.
fn liaison_section(cli: &Cli, command: &Command) -> anyhow::Result<Option<String>> {
    let Some(given) = &cli.section else {
        return Ok(None);
    };
    crate::store::must_exist(&config::db_path(cli.db.as_deref()))?;
    let code = open_store(cli.db.as_deref())?.resolve_section(given, false)?;
    match command {
        Command::List(_)
        | Command::Show { .. }
        | Command::Reply { .. }
        | Command::Templates { .. } => Ok(Some(code)),
        _ => Err(Error::LiaisonCommand(code).into()),
    }
}
