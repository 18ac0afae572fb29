//! The shell subcommands. They never enter raw mode; output aligns Japanese text by
//! terminal cells and every slip text is sanitised before it reaches the terminal.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::config::{self, Seed};
use crate::domain::date::{Period, parse_date, parse_fiscal_year, parse_month};
use crate::domain::{SectionChange, SectionPlan, Status};
use crate::error::Error;
use crate::i18n::{Lang, Msg, bracket, lang, paren, tr, trf};
use crate::store::{Filter, NewSlip, Order, Store};
use crate::text;

/// meyasu (目安箱): the suggestion-box tool for a ward office.
///
/// With no command it opens the terminal UI. The commands below do the same work
/// from a shell or a script.
#[derive(Debug, Parser)]
#[command(name = "meyasu", version = crate::VERSION, about, long_about = None)]
pub struct Cli {
    /// Database file [default: $MEYASU_DB, else ~/.local/share/meyasu/meyasu.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Interface language: ja or en [default: from LANG]
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
        /// The replying section (code or name)
        section: String,
        /// The reply text (else read from standard input)
        #[arg(long)]
        text: Option<String>,
        /// Date of the reply [default: today]
        #[arg(long)]
        date: Option<String>,
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

/// `meyasu add` options.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Date collected: 2024-02-10, 2/10, 令和6年2月10日 [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// Floor whose box it came from: 1F, 1階, 1
    #[arg(long)]
    pub floor: String,
    /// Kind: 意見 要望 苦情 お礼 問合せ その他 (or opinion, request, …)
    #[arg(long)]
    pub kind: String,
    /// Optional short summary (要旨) used when publishing
    #[arg(long)]
    pub summary: Option<String>,
    /// The text as written (else the remaining arguments, else standard input)
    #[arg(long)]
    pub text: Option<String>,
    /// The text, as trailing words
    #[arg(trailing_var_arg = true)]
    pub words: Vec<String>,
}

/// `meyasu list` options (also the filters of `export`).
#[derive(Debug, Args, Default, Clone)]
pub struct ListArgs {
    /// Only these statuses (repeat or comma-separate): new, assigned, answered, published, no_reply
    #[arg(long, value_delimiter = ',')]
    pub status: Vec<String>,
    /// Only slips tagged with this section
    #[arg(long)]
    pub section: Option<String>,
    /// Only slips from this floor
    #[arg(long)]
    pub floor: Option<String>,
    /// Only slips of this kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Only this month: 2024-02 or 令和6年2月
    #[arg(long)]
    pub month: Option<String>,
    /// Only this fiscal year (April–March): 2023 or 令和5年度
    #[arg(long = "fiscal-year", alias = "fy")]
    pub fiscal_year: Option<String>,
    /// Received on or after this date
    #[arg(long)]
    pub from: Option<String>,
    /// Received on or before this date
    #[arg(long)]
    pub to: Option<String>,
    /// Only open slips past their due date
    #[arg(long)]
    pub overdue: bool,
    /// Only slips whose text contains this
    #[arg(long, short = 's')]
    pub search: Option<String>,
    /// The voided slips (取消) instead of the others
    #[arg(long)]
    pub voided: bool,
    /// Oldest first (default: newest first)
    #[arg(long)]
    pub oldest_first: bool,
    /// At most this many rows [default: all]
    #[arg(long)]
    pub limit: Option<usize>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `--fiscal-year` or `--month`, for reports and the public list.
#[derive(Debug, Args, Clone, Default)]
pub struct PeriodArgs {
    /// Fiscal year (April–March): 2023 or 令和5年度 [default: this one]
    #[arg(long = "fiscal-year", alias = "fy", conflicts_with = "month")]
    pub fiscal_year: Option<String>,
    /// One month, with the fiscal year to date: 2024-02 or 令和6年2月
    #[arg(long)]
    pub month: Option<String>,
}

/// Where a file-producing command writes, and in what format.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// Output format [default: from -o's extension, else the command's usual one]
    #[arg(long)]
    pub format: Option<String>,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// CSV without the byte-order mark (for programs other than Excel)
    #[arg(long)]
    pub no_bom: bool,
}

/// `meyasu report` options.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which period
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Rows: section, department, floor, kind or status
    #[arg(long, default_value = "section")]
    pub by: String,
    /// Where and how (format: text, csv, xlsx or html; default text)
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `meyasu sections` actions.
#[derive(Debug, Subcommand)]
pub enum SectionAction {
    /// List sections (with inactive ones)
    List,
    /// Add a section
    Add {
        /// Short code (lowercase letters, digits, _ -)
        code: String,
        /// Japanese name, e.g. 市民活動推進課
        name: String,
        /// English name
        #[arg(long, default_value = "")]
        name_en: String,
        /// Department (部)
        #[arg(long, default_value = "")]
        department: String,
    },
    /// Rename a section (its slips keep it)
    Rename {
        /// Section code or name
        code: String,
        /// New Japanese name
        name: String,
        /// New English name
        #[arg(long)]
        name_en: Option<String>,
    },
    /// Stop assigning new slips to a section (its slips and replies stay)
    Deactivate {
        /// Section code or name
        code: String,
    },
    /// Make a deactivated section assignable again
    Activate {
        /// Section code or name
        code: String,
    },
}

/// Parse a date argument, naming the field on error.
pub fn date_arg(field: Msg, input: &str, today: NaiveDate) -> Result<NaiveDate, Error> {
    parse_date(input, today).ok_or_else(|| Error::BadDate {
        field: tr(field).into(),
        input: input.into(),
    })
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
    let code = open_store(cli.db.as_deref())?.resolve_section(given, false)?;
    match command {
        Command::List(_) | Command::Show { .. } | Command::Reply { .. } => Ok(Some(code)),
        _ => Err(Error::LiaisonCommand(code).into()),
    }
}

/// Run a shell subcommand.
pub fn run(cli: &Cli, command: &Command) -> anyhow::Result<()> {
    let today = config::today();
    let liaison = liaison_section(cli, command)?;
    let mut out = std::io::stdout().lock();
    match command {
        Command::Demo { temp, force } => {
            let path = if *temp {
                let dir = std::env::temp_dir().join(format!("meyasu-demo-{}", std::process::id()));
                dir.join("meyasu.db")
            } else {
                config::db_path(cli.db.as_deref())
            };
            let mut store = Store::open(&path, &Seed::from_env()?)?;
            if !force && store.count(&Filter::default())? > 0 {
                bail!(match lang() {
                    Lang::Ja => format!(
                        "{} にはもう投書があります。デモを別のデータベースに入れるには `meyasu demo --temp`、このまま追加するには --force を付けてください。",
                        path.display()
                    ),
                    Lang::En => format!(
                        "{} already holds slips. Use `meyasu demo --temp` for a separate database, or --force to add the demo slips anyway.",
                        path.display()
                    ),
                });
            }
            let n = crate::io::load_demo(&mut store)?;
            writeln!(out, "{}", trf(Msg::DemoLoaded, &[&n, &path.display()]))?;
        }
        Command::Report(a) => report(cli, a, today, &mut out)?,
        Command::Import { file, dry_run } => {
            let mut store = open_store(cli.db.as_deref())?;
            let bar = progress_bar();
            let report =
                crate::io::import::import_file(&mut store, file, *dry_run, today, |n, total| {
                    if let Some(b) = &bar {
                        b.set_length(total as u64);
                        b.set_position(n as u64);
                    }
                })?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            writeln!(
                out,
                "{}",
                crate::io::import::summary(&report, &file.display().to_string(), *dry_run)
            )?;
        }
        Command::Export { out: o, filter } => {
            let store = open_store(cli.db.as_deref())?;
            let f = filter_from(&store, filter, today)?;
            let items = crate::io::export::collect(&store, &f)?;
            let format = format_for(o.format.as_deref(), o.output.as_deref(), "csv");
            let bytes = match format.as_str() {
                "csv" => crate::io::export::csv(&store, &items, !o.no_bom)?,
                "xlsx" => crate::io::export::xlsx(&store, &items)?,
                "json" => crate::io::export::json(&items)?,
                other => bail!(unknown_format(other, "csv・xlsx・json")),
            };
            write_output(o.output.as_deref(), &bytes, &format, &mut out)?;
        }
        Command::Publish { period, out: o } => {
            let store = open_store(cli.db.as_deref())?;
            let period = period_from(period, today)?;
            let (from, to) = period.received();
            let entries = crate::report::publish::entries(&store, from, to, lang())?;
            let format = format_for(o.format.as_deref(), o.output.as_deref(), "html");
            let ward = store.settings()?;
            let ward = match lang() {
                Lang::En if !ward.ward_en.is_empty() => ward.ward_en,
                _ => ward.ward,
            };
            let bytes = match format.as_str() {
                "html" => {
                    crate::report::publish::html(&entries, &ward, &period.label(lang()), lang())
                        .into_bytes()
                }
                "csv" => crate::report::publish::csv(&entries, !o.no_bom, lang()),
                other => bail!(unknown_format(other, "html・csv")),
            };
            write_output(o.output.as_deref(), &bytes, &format, &mut out)?;
        }
        Command::Mask { id, text, remove } => {
            let mut store = open_store(cli.db.as_deref())?;
            let slip = store.mark_private(*id, text.as_deref(), *remove, None)?;
            writeln!(out, "#{id}: {}", slip.private.join(" / "))?;
        }
        Command::Publication { id, state } => {
            let mut store = open_store(cli.db.as_deref())?;
            let slip = store.set_no_publish(*id, state == "hide", None)?;
            writeln!(
                out,
                "#{id}: {}",
                if slip.no_publish {
                    tr(Msg::PubHidden)
                } else {
                    tr(Msg::PubShown)
                }
            )?;
        }
        Command::Backup { file } => {
            let store = open_store(cli.db.as_deref())?;
            let info = crate::io::backup::backup(&store, file)?;
            writeln!(
                out,
                "{}",
                trf(Msg::BackupDone, &[&file.display(), &info.slips])
            )?;
        }
        Command::Restore { file, yes } => {
            let db = config::db_path(cli.db.as_deref());
            let info = crate::io::backup::inspect(file)?;
            if !yes {
                if !std::io::stdin().is_terminal() {
                    bail!(tr(Msg::RestoreNeedsYes));
                }
                eprint!(
                    "{}",
                    trf(
                        Msg::RestoreConfirm,
                        &[&db.display(), &file.display(), &info.slips]
                    )
                );
                let mut answer = String::new();
                std::io::stdin().read_line(&mut answer)?;
                if !matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "はい") {
                    bail!(tr(Msg::RestoreCancelled));
                }
            }
            let aside = crate::io::backup::restore(&db, file)?;
            // Reopen to bring an older backup up to this schema.
            open_store(Some(&db))?;
            writeln!(
                out,
                "{}",
                trf(
                    Msg::RestoreDone,
                    &[&file.display(), &info.slips, &aside.display()]
                )
            )?;
        }
        #[cfg(feature = "dev")]
        Command::Gen { slips, years } => {
            let mut store = open_store(cli.db.as_deref())?;
            store.generate(*slips, *years, today)?;
            writeln!(out, "{}", trf(Msg::Count, &[slips]))?;
        }
        // The binary renders the screenshots: the shell commands do not reach into the TUI.
        #[cfg(feature = "dev")]
        Command::Screenshots { .. } => unreachable!("main renders the screenshots"),
        Command::Add(a) => {
            let mut store = open_store(cli.db.as_deref())?;
            let body = match (&a.text, a.words.is_empty()) {
                (Some(t), _) => t.clone(),
                (None, false) => a.words.join(" "),
                (None, true) => read_stdin()?,
            };
            let received_on = match &a.date {
                Some(d) => date_arg(Msg::ColReceived, d, today)?,
                None => today,
            };
            let id = store.add_slip(&NewSlip {
                received_on,
                floor: a.floor.clone(),
                kind: a.kind.clone(),
                body,
                summary: a.summary.clone(),
            })?;
            writeln!(out, "{}", trf(Msg::Added, &[&id]))?;
        }
        Command::List(a) => {
            let store = open_store(cli.db.as_deref())?;
            list(&store, a, today, liaison.as_deref(), &mut out)?;
        }
        Command::Show { id, json } => {
            let store = open_store(cli.db.as_deref())?;
            let mut d = store.detail(*id)?;
            if let Some(mine) = &liaison {
                // As in the TUI: their own section's reply, no history.
                if !d.slip.sections.contains(mine) {
                    return Err(Error::NotInSection {
                        id: *id,
                        section: mine.clone(),
                    }
                    .into());
                }
                d.replies.retain(|r| &r.section == mine);
                d.history.clear();
            }
            if *json {
                serde_json::to_writer_pretty(&mut out, &d)?;
                writeln!(out)?;
            } else {
                show(&store, &d, today, liaison.as_deref(), &mut out)?;
            }
        }
        Command::Assign {
            id,
            sections,
            due,
            replace,
            even_if_replied,
        } => {
            let mut store = open_store(cli.db.as_deref())?;
            let current = store.slip(*id)?;
            let due = match due {
                Some(d) => date_arg(Msg::ColDue, d, today)?,
                None => match current.due_on {
                    Some(d) if d >= today => d,
                    _ => store.default_due(today)?,
                },
            };
            let change = if *replace {
                SectionChange::Replace(sections.clone())
            } else {
                SectionChange::Add(sections.clone())
            };
            let (slip, plan) =
                store.change_sections(*id, &change, Some(due), *even_if_replied, None)?;
            print_plan(&store, *id, &plan, &mut out)?;
            let names = section_names(&store, &slip.sections);
            writeln!(out, "{}", trf(Msg::AssignedTo, &[id, &names, &due]))?;
        }
        Command::Unassign {
            id,
            sections,
            even_if_replied,
        } => {
            let mut store = open_store(cli.db.as_deref())?;
            let change = SectionChange::Remove(sections.clone());
            let (slip, plan) = store.change_sections(*id, &change, None, *even_if_replied, None)?;
            print_plan(&store, *id, &plan, &mut out)?;
            let names = section_names(&store, &slip.sections);
            writeln!(out, "{}", trf(Msg::SectionsNow, &[id, &names]))?;
        }
        Command::Reply {
            id,
            section,
            text,
            date,
        } => {
            let mut store = open_store(cli.db.as_deref())?;
            let text = match text {
                Some(t) => t.clone(),
                None => read_stdin()?,
            };
            let on = match date {
                Some(d) => date_arg(Msg::ColRepliedOn, d, today)?,
                None => today,
            };
            let code = store.resolve_section(section, false)?;
            if let Some(mine) = &liaison
                && *mine != code
            {
                return Err(Error::LiaisonCommand(mine.clone()).into());
            }
            let before = store.slip(*id)?.status;
            let slip = store.reply(*id, section, &text, on, None)?;
            writeln!(
                out,
                "{}",
                trf(Msg::RepliedMsg, &[&store.section_name(&code, lang()), id])
            )?;
            if before != slip.status && slip.status == Status::Answered {
                writeln!(out, "{}", tr(Msg::NowAnswered))?;
            }
        }
        Command::Status { id, state, reason } => {
            let mut store = open_store(cli.db.as_deref())?;
            let to = Status::parse(state).ok_or_else(|| Error::UnknownStatus(state.clone()))?;
            let from = store.slip(*id)?.status;
            store.set_status(*id, to, reason.as_deref(), None)?;
            writeln!(out, "{}", trf(Msg::StatusChanged, &[id, &from, &to]))?;
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut cmd, "meyasu", &mut out);
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut out)?;
        }
        Command::Void { id, reason, undo } => {
            let mut store = open_store(cli.db.as_deref())?;
            if *undo {
                let slip = store.restore_slip(*id, None)?;
                writeln!(out, "{}", trf(Msg::RestoredMsg, &[id, &slip.status]))?;
            } else {
                store.void_slip(*id, reason.as_deref().unwrap_or(""), None)?;
                writeln!(out, "{}", trf(Msg::VoidedMsg, &[id]))?;
            }
        }
        Command::Duplicate { id, of } => {
            let mut store = open_store(cli.db.as_deref())?;
            let slip = store.mark_duplicate(*id, *of, None)?;
            writeln!(out, "#{id} → #{of} ({})", slip.status)?;
        }
        Command::Sections { action } => {
            let mut store = open_store(cli.db.as_deref())?;
            sections(&mut store, action.as_ref(), &mut out)?;
        }
    }
    Ok(())
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    })
}

/// The output format: `--format`, else the output file's extension, else `default`.
fn format_for(format: Option<&str>, output: Option<&std::path::Path>, default: &str) -> String {
    match (format, output) {
        (Some(f), _) => f.to_lowercase(),
        (None, Some(p)) => {
            p.extension()
                .and_then(|e| e.to_str())
                .map_or(default.into(), |e| match e.to_lowercase().as_str() {
                    "txt" => "text".into(),
                    "htm" => "html".into(),
                    other => other.to_string(),
                })
        }
        (None, None) => default.into(),
    }
}

fn unknown_format(got: &str, known: &str) -> String {
    match lang() {
        Lang::Ja => format!("形式「{got}」には対応していません。{known} から選んでください。"),
        Lang::En => format!(
            "Unknown format \"{got}\": use {}.",
            known.replace('・', ", ")
        ),
    }
}

/// Write to `-o FILE`, or to standard output (never binary to a terminal).
fn write_output(
    output: Option<&std::path::Path>,
    bytes: &[u8],
    format: &str,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, bytes).with_context(|| format!("{}", path.display()))?;
            eprintln!("{}", trf(Msg::ReportWritten, &[&path.display()]));
        }
        None if format == "xlsx" && std::io::stdout().is_terminal() => bail!(match lang() {
            Lang::Ja =>
                "xlsx は端末に表示できません。-o ファイル名.xlsx のようにファイル名を指定してください。",
            Lang::En => "xlsx cannot be shown in a terminal: name a file with -o file.xlsx.",
        }),
        None => out.write_all(bytes)?,
    }
    Ok(())
}

fn period_from(p: &PeriodArgs, today: NaiveDate) -> Result<crate::report::Period, Error> {
    use crate::report::Period;
    Ok(match (p.month.as_deref(), p.fiscal_year.as_deref()) {
        (Some(m), _) => {
            let (y, mo) = parse_month(m).ok_or_else(|| Error::BadMonth(m.into()))?;
            Period::Month(y, mo)
        }
        (None, Some(fy)) => {
            Period::FiscalYear(parse_fiscal_year(fy).ok_or_else(|| Error::BadDate {
                field: tr(Msg::FieldFiscalYear).into(),
                input: fy.into(),
            })?)
        }
        (None, None) => Period::FiscalYear(crate::domain::date::fiscal_year(today)),
    })
}

fn report(cli: &Cli, a: &ReportArgs, today: NaiveDate, out: &mut impl Write) -> anyhow::Result<()> {
    use crate::report::{build, render, xlsx};
    let store = open_store(cli.db.as_deref())?;
    let period = period_from(&a.period, today)?;
    let by = crate::domain::Dimension::parse(&a.by).ok_or_else(|| {
        anyhow::anyhow!(match lang() {
            Lang::Ja => format!("集計項目「{}」はありません。section・department・floor・kind・status から選んでください。", a.by),
            Lang::En => format!("Cannot group by \"{}\": use section, department, floor, kind or status.", a.by),
        })
    })?;
    let format = format_for(a.out.format.as_deref(), a.out.output.as_deref(), "text");
    let r = build(&store, period, by, lang(), today)?;
    let name = |c: &str| store.section_name(c, lang());
    let bytes: Vec<u8> = match format.as_str() {
        "text" => render::text(&r, name).into_bytes(),
        "csv" => render::csv(&r, !a.out.no_bom, name).into_bytes(),
        "html" => render::html(&r, name).into_bytes(),
        "xlsx" => xlsx::xlsx(&r, name)?,
        other => bail!(unknown_format(other, "text・csv・xlsx・html")),
    };
    write_output(a.out.output.as_deref(), &bytes, &format, out)
}

fn read_stdin() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!(
            "{}",
            match lang() {
                Lang::Ja => "本文を入力し、Ctrl-D で終えてください:",
                Lang::En => "Type the text, then Ctrl-D:",
            }
        );
    }
    let mut s = String::new();
    stdin
        .lock()
        .read_to_string(&mut s)
        .context("reading standard input")?;
    Ok(s)
}

/// Say what a section change did beyond the list of sections: replies kept from
/// removed sections, and a change of status.
fn print_plan(
    store: &Store,
    id: i64,
    plan: &SectionPlan,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if !plan.removed_replied.is_empty() {
        let names = section_names(store, &plan.removed_replied);
        writeln!(out, "{}", trf(Msg::RepliesKept, &[&names]))?;
    }
    // New → assigned is what assigning means; other moves are worth a line.
    if plan.from != plan.to && plan.from != Status::New {
        writeln!(
            out,
            "{}",
            trf(Msg::StatusChanged, &[&id, &plan.from, &plan.to])
        )?;
    }
    Ok(())
}

fn section_names(store: &Store, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| store.section_name(c, lang()))
        .collect::<Vec<_>>()
        .join("・")
}

/// Build a [`Filter`] from `list`-style options, resolving names and dates.
pub fn filter_from(store: &Store, a: &ListArgs, today: NaiveDate) -> Result<Filter, Error> {
    let mut f = Filter::default();
    for s in &a.status {
        f.statuses
            .push(Status::parse(s).ok_or_else(|| Error::UnknownStatus(s.clone()))?);
    }
    f.section = a
        .section
        .as_deref()
        .map(|s| store.resolve_section(s, false))
        .transpose()?;
    f.floor = a
        .floor
        .as_deref()
        .map(|s| store.resolve_floor(s))
        .transpose()?;
    f.kind = a
        .kind
        .as_deref()
        .map(|s| store.resolve_kind(s))
        .transpose()?;
    if let Some(m) = &a.month {
        let (y, mo) = parse_month(m).ok_or_else(|| Error::BadMonth(m.clone()))?;
        let (from, to) = Period::Month(y, mo).received();
        f.from = Some(from);
        f.to = Some(to);
    }
    if let Some(fy) = &a.fiscal_year {
        let fy = parse_fiscal_year(fy).ok_or_else(|| Error::BadDate {
            field: match lang() {
                Lang::Ja => "年度".into(),
                Lang::En => "fiscal year".into(),
            },
            input: fy.clone(),
        })?;
        let (from, to) = Period::FiscalYear(fy).received();
        f.from = Some(f.from.map_or(from, |d| d.max(from)));
        f.to = Some(f.to.map_or(to, |d| d.min(to)));
    }
    if let Some(d) = &a.from {
        let d = date_arg(Msg::ColReceived, d, today)?;
        f.from = Some(f.from.map_or(d, |x| x.max(d)));
    }
    if let Some(d) = &a.to {
        let d = date_arg(Msg::ColReceived, d, today)?;
        f.to = Some(f.to.map_or(d, |x| x.min(d)));
    }
    if a.overdue {
        f.overdue_on = Some(today);
    }
    f.text = a.search.clone();
    f.voided = a.voided;
    Ok(f)
}

fn list(
    store: &Store,
    a: &ListArgs,
    today: NaiveDate,
    liaison: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let mut f = filter_from(store, a, today)?;
    if let Some(mine) = liaison {
        if f.section.as_deref().is_some_and(|s| s != mine) {
            return Err(Error::LiaisonCommand(mine.to_string()).into());
        }
        f.section = Some(mine.to_string());
    }
    let order = if a.oldest_first {
        Order::OldestFirst
    } else {
        Order::NewestFirst
    };
    let rows = store.list(&f, order, a.limit.unwrap_or(usize::MAX >> 1), 0)?;
    if a.json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("{}", tr(Msg::NoSlips));
        return Ok(());
    }
    let l = lang();
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let due = match r.due_on {
                Some(d) if r.is_overdue(today) => format!("{d}!"),
                Some(d) => d.to_string(),
                None => "-".into(),
            };
            vec![
                r.id.to_string(),
                r.received_on.to_string(),
                store.floor_name(&r.floor, l),
                store.kind_name(&r.kind, l),
                r.status.label(l).to_string(),
                section_names(store, &r.sections),
                due,
                text::truncate(&text::first_line(&r.excerpt), 40),
            ]
        })
        .collect();
    let headers = [
        tr(Msg::ColId),
        tr(Msg::ColReceived),
        tr(Msg::ColFloor),
        tr(Msg::ColKind),
        tr(Msg::ColStatus),
        tr(Msg::ColSections),
        tr(Msg::ColDue),
        tr(Msg::ColText),
    ];
    write!(out, "{}", text::table(&headers, &table_rows, &[0]))?;
    let total = store.count(&f)?;
    eprintln!("{}", trf(Msg::Count, &[&total]));
    Ok(())
}

fn show(
    store: &Store,
    d: &crate::domain::SlipDetail,
    today: NaiveDate,
    liaison: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let l = lang();
    let s = &d.slip;
    let indent = |t: &str| -> String {
        text::sanitize(t, true)
            .lines()
            .map(|line| format!("  {line}\n"))
            .collect()
    };
    writeln!(
        out,
        "{} {}  {}  {}  {}",
        tr(Msg::ColId),
        s.id,
        crate::domain::date::date_both(s.received_on, l),
        store.floor_name(&s.floor, l),
        store.kind_name(&s.kind, l)
    )?;
    let due = match s.due_on {
        Some(due) if s.is_overdue(today) => format!("{due}{}", paren(l, tr(Msg::Overdue))),
        Some(due) => due.to_string(),
        None => "-".into(),
    };
    writeln!(
        out,
        "{}: {}   {}: {}",
        tr(Msg::ColStatus),
        s.status.label(l),
        tr(Msg::ColDue),
        due
    )?;
    let secs = if s.sections.is_empty() {
        "-".to_string()
    } else {
        section_names(store, &s.sections)
    };
    writeln!(out, "{}: {}", tr(Msg::ColSections), secs)?;
    if let Some(of) = s.duplicate_of {
        writeln!(out, "{}: #{of}", tr(Msg::DuplicateOf))?;
    }
    if let Some(sum) = &s.summary {
        writeln!(
            out,
            "{}: {}",
            tr(Msg::ColSummary),
            text::sanitize(sum, false)
        )?;
    }
    if s.voided {
        let reason = d
            .history
            .iter()
            .rev()
            .find(|e| e.action == "voided")
            .and_then(|e| e.note.clone())
            .unwrap_or_default();
        writeln!(
            out,
            "{} {}",
            bracket(l, tr(Msg::Voided)),
            text::sanitize(&reason, false)
        )?;
    }
    if s.no_publish {
        writeln!(out, "{}", bracket(l, tr(Msg::NoPublish)))?;
    }
    if !s.private.is_empty() {
        let marks: Vec<String> = s.private.iter().map(|p| text::sanitize(p, false)).collect();
        writeln!(out, "{}: {}", tr(Msg::PrivateMarks), marks.join(" / "))?;
    }
    writeln!(out, "\n{}:", tr(Msg::ColText))?;
    write!(out, "{}", indent(&s.body))?;
    let detached: Vec<&crate::domain::Reply> = d
        .replies
        .iter()
        .filter(|r| !s.sections.contains(&r.section))
        .collect();
    if !s.sections.is_empty() || !detached.is_empty() {
        writeln!(out, "\n{}:", tr(Msg::Replies))?;
        // A liaison sees the names of the sections sharing the slip, and only their
        // own section's reply.
        for code in s
            .sections
            .iter()
            .filter(|c| liaison.is_none_or(|m| m == *c))
        {
            match d.replies.iter().find(|r| &r.section == code) {
                Some(r) => {
                    writeln!(
                        out,
                        "  {}{}",
                        store.section_name(code, l),
                        paren(
                            l,
                            format!("{} {}", r.replied_on, text::sanitize(&r.by, false))
                        )
                    )?;
                    write!(out, "{}", indent(&indent(&r.text)))?;
                }
                None => writeln!(
                    out,
                    "  {} {}",
                    store.section_name(code, l),
                    tr(Msg::NoReplyYet)
                )?,
            }
        }
        for r in detached {
            writeln!(
                out,
                "  {}{}{}",
                store.section_name(&r.section, l),
                paren(
                    l,
                    format!("{} {}", r.replied_on, text::sanitize(&r.by, false))
                ),
                bracket(l, tr(Msg::DetachedReply))
            )?;
            write!(out, "{}", indent(&indent(&r.text)))?;
        }
    }
    if liaison.is_some() {
        return Ok(());
    }
    writeln!(out, "\n{}:", tr(Msg::History))?;
    let rows: Vec<Vec<String>> = d
        .history
        .iter()
        .map(|e| {
            let change = e.change(l, store);
            let note = e.note_text(l, store).unwrap_or_default();
            vec![
                e.at.clone(),
                text::sanitize(&e.actor, false),
                e.action_label(l).to_string(),
                text::truncate(&text::sanitize(&change, false), 50),
                text::sanitize(&note, false),
            ]
        })
        .collect();
    let t = text::table(
        &[
            tr(Msg::ColAt),
            tr(Msg::ColBy),
            tr(Msg::ColAction),
            "",
            tr(Msg::ColNote),
        ],
        &rows,
        &[],
    );
    for line in t.lines().skip(1) {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

fn sections(
    store: &mut Store,
    action: Option<&SectionAction>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let l = lang();
    match action {
        None | Some(SectionAction::List) => {
            let rows: Vec<Vec<String>> = store
                .sections()
                .iter()
                .map(|s| {
                    vec![
                        s.label.code.clone(),
                        s.label.display(l).to_string(),
                        if s.department.is_empty() {
                            "-".into()
                        } else {
                            s.department_display(l).to_string()
                        },
                        tr(if s.active { Msg::Yes } else { Msg::No }).to_string(),
                    ]
                })
                .collect();
            write!(
                out,
                "{}",
                text::table(
                    &[
                        tr(Msg::ColCode),
                        tr(Msg::ColName),
                        tr(Msg::ColDepartment),
                        tr(Msg::ColActive)
                    ],
                    &rows,
                    &[]
                )
            )?;
        }
        Some(SectionAction::Add {
            code,
            name,
            name_en,
            department,
        }) => {
            store.add_section(code, name, name_en, department)?;
            writeln!(out, "{}", trf(Msg::SectionAdded, &[code]))?;
        }
        Some(SectionAction::Rename {
            code,
            name,
            name_en,
        }) => {
            store.rename_section(code, name, name_en.as_deref())?;
            writeln!(out, "{}", trf(Msg::SectionRenamed, &[code]))?;
        }
        Some(SectionAction::Deactivate { code }) => {
            let c = store.set_section_active(code, false)?;
            writeln!(out, "{}", trf(Msg::SectionDeactivated, &[&c]))?;
        }
        Some(SectionAction::Activate { code }) => {
            let c = store.set_section_active(code, true)?;
            writeln!(out, "{}", trf(Msg::SectionActivated, &[&c]))?;
        }
    }
    Ok(())
}
