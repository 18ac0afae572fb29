//! Requests (依頼) and reminders (督促) as text, as a printable page and as mail: the
//! message is built by lettre (RFC 2047 for Japanese subjects, UTF-8 bodies) and sent
//! through the host's `sendmail` or an SMTP relay named in the settings; a dry run
//! writes `.eml` files instead.

use std::path::{Path, PathBuf};

use lettre::message::{Mailbox, header::ContentType};
use lettre::{Message, Transport};

pub use crate::config::Relay;
use crate::error::{Error, Result};
use crate::i18n::{Lang, Msg, fill};
use crate::store::{AskKind, AskWhy, SectionAsk, Store};

/// Send `msg` through `relay`, giving up after `timeout`; the error says what went wrong
/// (a relay that does not answer in time is named with the time waited).
pub fn send(
    relay: &Relay,
    msg: &Message,
    timeout: std::time::Duration,
    lang: Lang,
) -> std::result::Result<(), String> {
    let late = || {
        fill(
            Msg::MailTimedOut,
            lang,
            &[&relay.name(), &timeout.as_secs()],
        )
    };
    match relay {
        Relay::Sendmail => sendmail(msg, timeout).map_err(|e| e.unwrap_or_else(late)),
        Relay::Smtp { host, port, tls } => {
            let t = if *tls {
                lettre::SmtpTransport::relay(host)
                    .map_err(|e| e.to_string())?
                    .port(*port)
            } else {
                lettre::SmtpTransport::builder_dangerous(host).port(*port)
            };
            t.timeout(Some(timeout))
                .build()
                .send(msg)
                .map(|_| ())
                .map_err(|e| {
                    if e.is_timeout() || is_timeout_io(&e) {
                        late()
                    } else {
                        e.to_string()
                    }
                })
        }
    }
}

/// Whether an SMTP error is a read or write that ran out of time (a socket timeout reads
/// as `EAGAIN` / `WouldBlock` on Linux).
fn is_timeout_io(e: &lettre::transport::smtp::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            );
        }
        source = s.source();
    }
    false
}

/// Hand `msg` to the host's `sendmail -i -f FROM -- TO…` (as lettre does), killing it if it
/// has not finished within `timeout` (`Err(None)`: timed out).
fn sendmail(
    msg: &Message,
    timeout: std::time::Duration,
) -> std::result::Result<(), Option<String>> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let envelope = msg.envelope();
    let mut cmd = Command::new("sendmail");
    cmd.arg("-i");
    if let Some(from) = envelope.from() {
        cmd.arg("-f").arg(from);
    }
    cmd.arg("--");
    cmd.args(envelope.to().iter().map(|a| a.to_string()));
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Some(format!("sendmail: {e}")))?;
    let formatted = msg.formatted();
    let mut stdin = child.stdin.take();
    // Written on a thread: a sendmail that does not read would block the write.
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&formatted);
        }
    });
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let _ = writer.join();
                if status.success() {
                    return Ok(());
                }
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    use std::io::Read as _;
                    let _ = (&mut e).take(4096).read_to_string(&mut err);
                }
                return Err(Some(format!("sendmail: {status} {}", err.trim())));
            }
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(None);
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => return Err(Some(format!("sendmail: {e}"))),
        }
    }
}

/// The subject of `ask`: 「【目安箱】回答のお願い 区民課 3件」.
pub fn subject(store: &Store, kind: AskKind, ask: &SectionAsk, lang: Lang) -> String {
    let name = store.section_name(&ask.section, lang);
    let n = ask.items.len();
    match kind {
        AskKind::Request => fill(Msg::MailRequestSubject, lang, &[&name, &n]),
        AskKind::Remind => fill(Msg::MailRemindSubject, lang, &[&name, &n]),
    }
}

/// The text of `ask`: the greeting, each slip (number, date, floor, kind, due date,
/// why, the text), and how to reply: with the reply sheet `sheet` (its file name) when
/// one goes with it, else in meyasu.
pub fn body(
    store: &Store,
    kind: AskKind,
    ask: &SectionAsk,
    sheet: Option<&str>,
    lang: Lang,
) -> String {
    let name = store.section_name(&ask.section, lang);
    let ward = store.settings().map(|s| s.ward).unwrap_or_default();
    let mut out = String::new();
    out.push_str(&fill(Msg::MailTo, lang, &[&name]));
    out.push_str("\n\n");
    let intro = match kind {
        AskKind::Request => Msg::MailRequestIntro,
        AskKind::Remind => Msg::MailRemindIntro,
    };
    out.push_str(&fill(intro, lang, &[&ward]));
    out.push_str("\n\n");
    for it in &ask.items {
        item_text(&mut out, store, it, lang);
    }
    footer(&mut out, store, lang);
    let how = match sheet {
        Some(file) => fill(Msg::MailHowToReplySheet, lang, &[&file]),
        None => fill(Msg::MailHowToReply, lang, &[&ask.section, &ask.items[0].id]),
    };
    // Not wrapped: it holds a command to copy, and the mail client wraps prose.
    out.push_str(&how);
    out.push('\n');
    out
}

/// One slip of a request or reminder, labels before values: its number; date, floor,
/// kind and due date; the other sections asked too; why it is chased (the reply sent
/// back, and why); the text as written.
fn item_text(out: &mut String, store: &Store, it: &crate::store::AskItem, lang: Lang) {
    let due = it
        .due_on
        .map(|d| crate::domain::date::date_long(d, lang))
        .unwrap_or_else(|| "-".into());
    out.push_str(&fill(Msg::MailItemHead, lang, &[&it.id]));
    out.push('\n');
    out.push_str("  ");
    out.push_str(&fill(
        Msg::MailItemFacts,
        lang,
        &[
            &crate::domain::date::date_long(it.received_on, lang),
            &store.floor_name(&it.floor, lang),
            &store.kind_name(&it.kind, lang),
            &due,
        ],
    ));
    out.push('\n');
    if !it.others.is_empty() {
        let names: Vec<String> = it
            .others
            .iter()
            .map(|c| store.section_name(c, lang))
            .collect();
        out.push_str(&format!(
            "  {}\n",
            fill(Msg::MailShared, lang, &[&names.join("・")])
        ));
    }
    if let Some(d) = it.last_reminded {
        out.push_str(&format!(
            "  {}\n",
            fill(Msg::LastReminded, lang, &[&d]).trim()
        ));
    }
    match &it.why {
        AskWhy::New => {}
        AskWhy::Overdue => out.push_str(&format!("  [{}]\n", Msg::TabOverdue.text(lang))),
        AskWhy::Returned(reason) => {
            out.push_str(&format!("  [{}]\n", Msg::ReplyReturned.text(lang)));
            out.push_str(&format!(
                "  {}\n",
                fill(
                    Msg::MailReturnedWhy,
                    lang,
                    &[&crate::text::sanitize(reason, false)]
                )
            ));
            if let Some(prev) = &it.previous {
                out.push_str(&format!("  {}\n", Msg::MailReturnedWas.text(lang)));
                push_wrapped(out, prev);
            }
        }
    }
    out.push_str(&format!("  {}\n", Msg::ColText.text(lang)));
    push_wrapped(out, &it.body);
    out.push('\n');
}

/// A visitor's or a section's text in a mail, indented and wrapped at 72 cells (禁則処理
/// by `text::wrap`), so it reads the same in any mail client.
fn push_wrapped(out: &mut String, text: &str) {
    for line in crate::text::sanitize(text, true).lines() {
        for l in crate::text::wrap(&format!("    {line}"), 72, "    ") {
            out.push_str(&l);
            out.push('\n');
        }
    }
}

/// What every request says after the slips: that the team reviews replies before they
/// count (when it does), the outcomes a reply takes, and whom to ask.
fn footer(out: &mut String, store: &Store, lang: Lang) {
    let settings = store
        .settings()
        .unwrap_or_else(|_| crate::config::Seed::embedded().settings);
    if settings.review_replies {
        out.push_str(Msg::MailReviewed.text(lang));
        out.push('\n');
    }
    let outcomes: Vec<String> = store
        .catalog()
        .outcomes
        .iter()
        .map(|o| o.display(lang).to_string())
        .collect();
    if !outcomes.is_empty() {
        // 、 between them: a name may hold ・ (説明・回答).
        out.push_str(&fill(Msg::MailOutcomes, lang, &[&outcomes.join("、")]));
        out.push('\n');
    }
    let mail = if settings.contact_mail.is_empty() {
        settings.mail_from.clone()
    } else {
        settings.contact_mail.clone()
    };
    let parts: Vec<String> = [
        settings.contact_name.clone(),
        if settings.contact_ext.is_empty() {
            String::new()
        } else {
            fill(Msg::MailExtension, lang, &[&settings.contact_ext])
        },
        mail,
    ]
    .into_iter()
    .filter(|p| !p.is_empty())
    .collect();
    if !parts.is_empty() {
        out.push_str(&fill(Msg::MailContact, lang, &[&parts.join("　")]));
        out.push('\n');
    }
    out.push('\n');
}

/// The mail for `ask`, from `from` to the section's address.
pub fn message(
    store: &Store,
    kind: AskKind,
    ask: &SectionAsk,
    from: &str,
    sheet: Option<(&str, Vec<u8>)>,
    lang: Lang,
) -> Result<Message> {
    let to = ask.email.as_deref().unwrap_or_default();
    let mailbox = |a: &str, name: Option<String>| -> Result<Mailbox> {
        let address = a
            .parse::<lettre::Address>()
            .map_err(|_| Error::BadAddress(a.to_string()))?;
        Ok(Mailbox::new(name, address))
    };
    let ward = store.settings().map(|s| s.ward).unwrap_or_default();
    let builder = Message::builder()
        .from(mailbox(from, Some(ward))?)
        .to(mailbox(to, Some(store.section_name(&ask.section, lang)))?)
        .subject(subject(store, kind, ask, lang))
        // A Message-ID (from the host's name) lets a section's reply thread with it.
        .message_id(None)
        .date(store.clock().system_time());
    let text = body(store, kind, ask, sheet.as_ref().map(|(n, _)| *n), lang);
    let built = match sheet {
        None => builder.header(ContentType::TEXT_PLAIN).body(text),
        // The reply sheet goes along as an attachment (its Japanese name in RFC 2231).
        Some((name, bytes)) => {
            use lettre::message::{Attachment, MultiPart, SinglePart};
            let xlsx = ContentType::parse(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            .expect("a valid content type");
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(text))
                    .singlepart(Attachment::new(name.to_string()).body(bytes, xlsx)),
            )
        }
    };
    built.map_err(|e| Error::BadAddress(e.to_string()))
}

/// Mail `bytes` as the attachment `file` (a report, the public list) to `to`, through the
/// relay in the settings: subject 「【目安箱】TITLE」, a line naming the file in the body.
pub fn send_file(
    store: &Store,
    to: &str,
    title: &str,
    file: &str,
    bytes: &[u8],
    format: &str,
    lang: Lang,
) -> Result<()> {
    use lettre::message::{Attachment, MultiPart, SinglePart};
    let settings = store.settings()?;
    let relay = Relay::parse(&settings.mail_relay);
    let Some(relay) = relay.filter(|_| !settings.mail_from.is_empty()) else {
        return Err(Error::NoMailSetup);
    };
    crate::store::check_address(to)?;
    let address = |a: &str| {
        a.parse::<lettre::Address>()
            .map_err(|_| Error::BadAddress(a.to_string()))
    };
    let kind = match format {
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "html" => "text/html; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
    let body = fill(Msg::FileMailBody, lang, &[&settings.ward, &file]);
    let msg = Message::builder()
        .from(Mailbox::new(
            Some(settings.ward.clone()),
            address(&settings.mail_from)?,
        ))
        .to(Mailbox::new(None, address(to)?))
        .subject(fill(Msg::FileMailSubject, lang, &[&title]))
        .message_id(None)
        .date(store.clock().system_time())
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(body))
                .singlepart(Attachment::new(file.to_string()).body(
                    bytes.to_vec(),
                    ContentType::parse(kind).expect("a valid content type"),
                )),
        )
        .map_err(|e| Error::BadAddress(e.to_string()))?;
    let timeout = std::time::Duration::from_secs(settings.mail_timeout.max(1).into());
    send(&relay, &msg, timeout, lang).map_err(|reason| Error::Mail {
        host: relay.name(),
        section: to.to_string(),
        reason,
    })
}

/// Write `msg` as `<dir>/<kind>-<section>.eml` (a dry run); returns the path.
/// Written as every output is (a temporary name, then renamed, so a link planted there is
/// replaced, never followed; mode 0600: the mail holds slips' text), never over the
/// database's files, nor over an .eml already there unless `force`. A folder it makes is
/// 0700 (a dry run is one person's preview); a folder already there is left as it is.
pub fn write_eml(dry: &DryRun<'_>, kind: AskKind, section: &str, msg: &Message) -> Result<PathBuf> {
    crate::files::make_folder(dry.dir, crate::files::Access::Owner).map_err(|e| Error::Write {
        path: dry.dir.to_path_buf(),
        cause: e,
    })?;
    let path = dry
        .dir
        .join(format!("{}-{section}.eml", kind.action().code()));
    crate::io::write::write_file(
        &path,
        &msg.formatted(),
        &dry.protected,
        dry.force,
        crate::files::Access::Owner,
    )?;
    Ok(path)
}

/// How a batch of requests or reminders goes out: mailed, or written as `.eml` files (a
/// dry run); and the last audit event seen when the batch was worked out
/// ([`Store::last_event_id`]), so a slip another run reminded of since is not sent twice.
#[derive(Clone, Debug)]
pub struct Delivery<'a> {
    /// Write `.eml` files instead of sending.
    pub dry_run: Option<DryRun<'a>>,
    /// The last event seen when the batch was worked out.
    pub seen: i64,
}

/// A dry run: where the `.eml` files go, whether they may replace ones already there, and
/// the database's files they may never replace.
#[derive(Clone, Debug)]
pub struct DryRun<'a> {
    /// The folder.
    pub dir: &'a Path,
    /// Replace `.eml` files already there.
    pub force: bool,
    /// The database's files.
    pub protected: Vec<PathBuf>,
}

/// A printable page of every section's request or reminder, one section to a page.
pub fn html(store: &Store, kind: AskKind, asks: &[SectionAsk], lang: Lang) -> String {
    let esc = crate::sheet::html_escape;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<style>\n\
         @page { size: A4; margin: 15mm; }\n\
         body { font-family: 'Noto Sans CJK JP', sans-serif; font-size: 10.5pt; }\n\
         section { page-break-after: always; }\n\
         pre { white-space: pre-wrap; font-family: inherit; }\n\
         </style>\n</head>\n<body>\n",
    );
    for a in asks {
        out.push_str(&format!(
            "<section>\n<h1>{}</h1>\n<pre>{}</pre>\n</section>\n",
            esc(&subject(store, kind, a, lang)),
            esc(&body(store, kind, a, None, lang))
        ));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Mail `ask` if its section has an address, through the relay in the settings, and
/// record it sent; `said` hears a line (sent; not mailed: no address; taken by another
/// run; or the .eml written with `dry_run`, which sends and records nothing). The slips
/// are claimed before the mail goes and the claim taken back if it does not: a relay
/// that refuses it, or does not answer within `mail_timeout`, is [`Error::Mail`].
/// [`crate::office::asks::send`] runs this section by section.
pub fn deliver(
    store: &mut Store,
    kind: AskKind,
    ask: &SectionAsk,
    how: &Delivery<'_>,
    sheet: Option<&crate::io::sheets::SheetFile>,
    lang: Lang,
    said: &mut dyn FnMut(String),
) -> Result<()> {
    let dry_run = how.dry_run.as_ref();
    let (from, relay, timeout) = sender(store, dry_run.is_some())?;
    let name = store.section_name(&ask.section, lang);
    if ask.email.is_none() && dry_run.is_some() {
        said(fill(Msg::MailNotSent, lang, &[&name]));
        return Ok(());
    }
    // Claimed before it is sent, so two runs at once send each slip once; the claim reads
    // the section's address as it is now (a colleague may have changed it).
    let (claimed, events) = match dry_run {
        Some(_) => (ask.clone(), vec![]),
        None => store.claim_asked(kind, ask, "mail", how.seen)?,
    };
    let ask = &claimed;
    if ask.email.is_none() {
        store.unclaim(&events)?;
        said(fill(Msg::MailNotSent, lang, &[&name]));
        return Ok(());
    }
    if ask.items.is_empty() {
        said(fill(Msg::MailTakenElsewhere, lang, &[&name]));
        return Ok(());
    }
    let attached = sheet.map(|f| (f.name.as_str(), f.bytes.clone()));
    let msg = match message(store, kind, ask, &from, attached, lang) {
        Ok(m) => m,
        Err(e) => {
            store.unclaim(&events)?;
            return Err(e);
        }
    };
    if let Some(dry) = dry_run {
        let path = write_eml(dry, kind, &ask.section, &msg)?;
        said(fill(Msg::EmlWritten, lang, &[&path.display()]));
        return Ok(());
    }
    let Some(relay) = relay.as_ref() else {
        store.unclaim(&events)?;
        return Err(Error::NoMailSetup);
    };
    if let Err(reason) = send(relay, &msg, timeout, lang) {
        store.unclaim(&events)?;
        return Err(Error::Mail {
            host: relay.name(),
            section: name,
            reason,
        });
    }
    said(fill(Msg::MailSent, lang, &[&name, &ask.items.len()]));
    Ok(())
}

/// Who mail is from, through which relay, and how long to wait for it, as the settings
/// say; without a sender or a relay only a dry run can go on.
fn sender(store: &Store, dry_run: bool) -> Result<(String, Option<Relay>, std::time::Duration)> {
    let settings = store.settings()?;
    let relay = Relay::parse(&settings.mail_relay);
    if !dry_run && (settings.mail_from.is_empty() || relay.is_none()) {
        return Err(Error::NoMailSetup);
    }
    let from = if settings.mail_from.is_empty() {
        "meyasu@localhost".to_string()
    } else {
        settings.mail_from.clone()
    };
    let timeout = std::time::Duration::from_secs(settings.mail_timeout.max(1).into());
    Ok((from, relay, timeout))
}

#[cfg(test)]
mod wrap_tests {
    /// A long slip in a mail is wrapped at 72 cells under its indent, with no line
    /// starting with 。 or 、.
    #[test]
    fn slip_text_in_mail_is_wrapped_with_kinsoku() {
        let body = "駐輪場に屋根をつけてほしい。".repeat(12);
        let mut out = String::new();
        super::push_wrapped(&mut out, &body);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 3, "{out}");
        for l in &lines {
            assert!(crate::text::width(l) <= 72, "{l}");
            assert!(l.starts_with("    "), "{l}");
            let first = l.trim_start().chars().next().unwrap();
            assert!(!"。、".contains(first), "{l}");
        }
        assert_eq!(
            lines.iter().map(|l| l.trim_start()).collect::<String>(),
            body
        );
    }
}
