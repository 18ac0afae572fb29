//! One message table for every piece of UI text, in Japanese and English.
//!
//! The language is chosen once at start-up ([`set_lang`]): `--lang` if given,
//! else Japanese when `LC_ALL`/`LC_MESSAGES`/`LANG` starts with `ja`, else English.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語
    Ja,
    /// English
    En,
}

impl Lang {
    /// Parse `ja`/`en` (also `japanese`, `english`, `日本語`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Some(Lang::Ja),
            "en" | "english" | "英語" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`, in that order).
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                return if v.to_ascii_lowercase().starts_with("ja") {
                    Lang::Ja
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

static LANG: AtomicU8 = AtomicU8::new(1);

/// Set the process-wide UI language.
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Ja => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The process-wide UI language.
pub fn lang() -> Lang {
    if LANG.load(Ordering::Relaxed) == 0 {
        Lang::Ja
    } else {
        Lang::En
    }
}

macro_rules! messages {
    ($($key:ident => $ja:expr, $en:expr;)*) => {
        /// A key into the message table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// The text of this message in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Ja) => $ja, (Msg::$key, Lang::En) => $en,)*
                }
            }

            /// Every message, for checking the table.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
        }
    };
}

messages! {
    // Statuses
    StatusNew => "受付", "New";
    StatusAssigned => "回答依頼中", "Assigned";
    StatusAnswered => "回答済", "Answered";
    StatusPublished => "公表済", "Published";
    StatusNoReply => "回答不要", "No reply";
    // Column headers and field names
    ColId => "番号", "ID";
    ColReceived => "受付日", "Received";
    ColFloor => "階", "Floor";
    ColKind => "種別", "Kind";
    ColSections => "担当課", "Sections";
    ColStatus => "状況", "Status";
    ColDue => "期限", "Due";
    ColText => "内容", "Text";
    ColSummary => "要旨", "Summary";
    ColCode => "コード", "Code";
    ColName => "名称", "Name";
    ColDepartment => "部", "Department";
    ColActive => "有効", "Active";
    ColReply => "回答", "Reply";
    ColRepliedOn => "回答日", "Replied";
    ColBy => "担当者", "By";
    ColWrittenBy => "回答者", "Written by";
    ColAt => "日時", "At";
    ColAction => "操作", "Action";
    ColNote => "備考", "Note";
    Overdue => "期限超過", "overdue";
    Yes => "はい", "yes";
    No => "いいえ", "no";
    NoReplyYet => "（未回答）", "(no reply yet)";
    History => "履歴", "History";
    Replies => "回答", "Replies";
    DuplicateOf => "重複元", "Duplicate of";
    // Audit actions
    ActCreated => "登録", "created";
    ActAssigned => "担当課設定", "assigned";
    ActVoided => "取消", "voided";
    ActUnvoided => "取消を元に戻す", "restored";
    Voided => "取消", "voided";
    ActUnassigned => "回答済みの課を担当から外す", "replied section removed";
    DetachedReply => "担当から外れた課の回答", "reply from a section no longer assigned";
    ActReplied => "回答登録", "replied";
    ActStatus => "状況変更", "status";
    ActEdited => "修正", "edited";
    ActDuplicate => "重複指定", "marked duplicate";
    // CLI results
    Added => "受付番号 {} で登録しました。", "Added slip {}.";
    AssignedTo => "{} を {} に回答依頼しました（期限 {}）。", "Slip {} assigned to {} (due {}).";
    RepliedMsg => "{}の回答を登録しました（受付番号 {}）。", "Reply from {} recorded for slip {}.";
    NowAnswered => "すべての担当課が回答したため、回答済になりました。", "Every section has replied: the slip is now answered.";
    StatusChanged => "{} の状況を {} → {} に変更しました。", "Slip {} moved from {} to {}.";
    DemoLoaded => "デモデータ {} 件を {} に読み込みました。", "Loaded {} demo slips into {}.";
    EmptyNew => "未処理の投書はありません。入力した投書は、担当課を決めるまでここに並びます。", "No new slips. A slip waits here until it is given its sections.";
    EmptyAssigned => "依頼中の投書はありません。担当課に回答を依頼した投書がここに並びます。", "No slips wait for replies. Slips asked of their sections show here.";
    EmptyOverdue => "期限を過ぎた投書はありません。", "Nothing is past its due date.";
    EmptyAnswered => "回答済の投書はありません。すべての担当課の回答が承認された投書がここに並びます。", "No answered slips. A slip shows here once every section's reply is approved.";
    EmptyClosed => "完了した投書はありません。公表した投書と、回答不要で閉じた投書がここに並びます。", "No closed slips. Published slips and those closed without a reply show here.";
    EmptyReturned => "差し戻された回答はありません。", "No reply was sent back.";
    NoSlips => "該当する投書はありません。", "No slips match.";
    Count => "{} 件", "{} slips";
    SectionAdded => "課 {} を追加しました。", "Section {} added.";
    SectionRenamed => "課 {} の名称を変更しました。", "Section {} renamed.";
    SectionDeactivated => "課 {} を無効にしました。", "Section {} deactivated.";
    SectionActivated => "課 {} を有効にしました。", "Section {} reactivated.";
    // Errors
    ErrNotFound => "受付番号 {} の投書はありません。", "There is no slip {}.";
    ErrUnknownSection => "課「{}」はありません。使える課: {}", "Unknown section \"{}\". Known sections: {}";
    ErrUnknownFloor => "階「{}」はありません。使える階: {}", "Unknown floor \"{}\". Known floors: {}";
    ErrUnknownOutcome => "対応区分「{}」はありません。使える対応区分: {}", "Unknown outcome \"{}\". Known outcomes: {}";
    ErrUnknownKind => "種別「{}」はありません。使える種別: {}", "Unknown kind \"{}\". Known kinds: {}";
    ErrUnknownStatus => "状況「{}」はありません。使える状況: {}", "Unknown status \"{}\". Known statuses: {}";
    ErrUnknownListStatus => "状況「{}」はありません。使える状況: {}。タブの名前も使えます: {}", "Unknown status \"{}\". Known statuses: {}; or a tab's name: {}";
    ErrBadDate => "{}「{}」を日付として読めません。2024-02-10 や 令和6年2月10日 の形で入力してください。", "{} \"{}\" is not a date. Write it as 2024-02-10 or 令和6年2月10日.";
    ErrBadMonth => "月「{}」を読めません。2024-02 や 令和6年2月 の形で入力してください。", "Month \"{}\" is not a month. Write it as 2024-02 or 令和6年2月.";
    ErrEmptyText => "内容が空です。投書の文面を入力してください。", "The text is empty: type the slip's text.";
    ErrReplyClosed => "この投書は{}です。回答を書くには、先に状況を戻してください（s）。", "This slip is {}: to write a reply, reopen it first (s).";
    ErrReplyClosedLiaison => "この投書は{}のため、回答はもう書けません。変更が必要なら担当チームに連絡してください。", "This slip is {}, so replies can no longer be written. Ask the team if it needs a change.";
    ErrReplyNoSection => "担当課が指定されていません。先に担当課を指定してください（a）。", "No section is assigned yet: assign one first (a).";
    ErrEmptyReplyOf => "{}の回答が空です。回答の文面を入力してください（回答を消すことはできません）。", "The reply of {} is empty: type the reply text (a reply cannot be deleted).";
    ReplyUnchanged => "回答は変わっていません。保存するものはありません。", "The reply has not changed: nothing to save.";
    ReplyReplaced => "{}の回答を書き換えました（受付番号 {}。前の回答は履歴に残ります）。", "Reply from {} replaced for slip {} (the earlier one stays in the history).";
    ReplyOnRecordWaiting => "{}の回答は承認待ちです（チームが確認するまで回答とは数えません）。編集して保存すると、この回答を置き換えます。", "The reply of {} awaits the team's review (not answered yet). Saving replaces it.";
    ReplyOnRecordReturned => "差し戻し（{}の回答）: {}　書き直して保存すると、もう一度確認を受けます。", "Returned (reply of {}): {}  Write it again and save; the team reviews it again.";
    ReplyOnRecord => "{}に回答済み。編集して保存すると、この回答を置き換えます（前の回答は履歴に残ります）。", "Replied on {}. Saving replaces this reply (the earlier one stays in the history).";
    ReplyDrafts => "未保存: {}", "unsaved: {}";
    VoidedMsg => "受付番号 {} を取消しました。一覧と集計から外れます（list --voided で見られます。元に戻すには void --undo）。", "Voided slip {}: it leaves every list and count (list --voided shows it; void --undo restores it).";
    RestoredMsg => "受付番号 {} の取消を元に戻しました（状況: {}）。", "Restored slip {} (status: {}).";
    VoidedKey => "受付番号 {} を取消しました。一覧と集計から外れます（絞り込み f の「取消」で見られ、s で元に戻せます）。", "Voided slip {}: it leaves every list and count (the filter f shows voided slips; s restores it).";
    ChoiceVoid => "取消（入力の誤り・理由が必要）", "void (entered by mistake; needs a reason)";
    ChoiceRestore => "取消を元に戻す", "restore (undo the void)";
    FilterVoided => "取消", "Voided";
    FilterVoidedOnly => "取消のみ", "voided only";
    FilterVoidedNone => "含めない", "not shown";
    ErrVoided => "受付番号 {} は取消済みです。変更するには先に取消を元に戻してください。", "Slip {} is voided: restore it before changing it.";
    ErrNotVoided => "受付番号 {} は取消されていません。", "Slip {} is not voided.";
    ErrReplyClosedStore => "受付番号 {} は{}のため、回答を書けません（回答を書くのは回答依頼中か回答済の投書です）。", "Slip {} is {}, so no reply can be written (replies go to assigned or answered slips).";
    EditUnchanged => "変更はありませんでした。何も保存していません。", "Nothing was changed, so nothing was saved.";
    ErrEmptyReply => "回答が空です。回答の文面を入力してください。", "The reply is empty: type the reply text.";
    ErrTransition => "{0} から {1} には変更できません。{0} から変更できる状況: {2}", "Cannot move from {0} to {1}. From {0} the allowed next states are: {2}";
    ErrTransitionNone => "（なし）", "(none)";
    ErrNeedSections => "回答依頼中にするには担当課が必要です。先に `meyasu assign` で課を指定してください。", "A slip needs at least one section to be assigned: use `meyasu assign` first.";
    ErrNotAllReplied => "まだ回答していない課があります: {}", "These sections have not replied yet: {}";
    ErrNeedSectionsKey => "回答依頼中にするには担当課が必要です。先に担当課を指定してください（a）。", "A slip needs at least one section to be assigned: assign one first (a).";
    ErrNeedReasonKey => "この変更には理由が必要です。理由の欄に入力してください。", "This change needs a reason: type it in the reason field.";
    ErrRemovesRepliedKey => "受付番号 {} の {} はもう回答しています。担当課指定（a）で外すと、確認のうえ回答を残したまま外せます。", "Slip {}: {} already replied. Remove it in triage (a), which asks first and keeps the reply.";
    ErrNeedReason => "この変更には理由が必要です（--reason）。", "This change needs a reason (--reason).";
    ErrRemovesReplied => "受付番号 {} の {} はもう回答しています。外しても回答は「担当から外れた課の回答」として残ります。外す場合は --even-if-replied を付けてください。", "Slip {}: {} already replied. Removing a section keeps its reply, shown as from a section no longer assigned; add --even-if-replied to remove it.";
    SectionsNow => "受付番号 {} の担当課: {}", "Slip {} is now with: {}";
    RepliesKept => "{} の回答は「担当から外れた課の回答」として残してあります。", "The replies of {} are kept, shown as from a section no longer assigned.";
    ErrNotTagged => "課 {} はこの投書の担当課ではありません。担当課: {}", "Section {} is not assigned to this slip. Its sections: {}";
    ErrStale => "受付番号 {} は他の人が先に変更しました（版 {} → {}）。読み込み直してからやり直してください。", "Slip {} was changed by someone else meanwhile (version {} → {}). Reload it and try again.";
    ErrNewerSchema => "このデータベース（{}）は新しい版の meyasu で作られています（スキーマ {}、この版は {} まで）。meyasu を更新してください。", "This database ({}) was made by a newer meyasu (schema {}, this build knows up to {}). Update meyasu.";
    ErrSectionExists => "課コード {} はもう使われています。", "Section code {} is already in use.";
    ErrBadCode => "コード「{}」は使えません。英小文字・数字・_ - で 1〜20 文字にしてください。", "Code \"{}\" is not valid: use 1–20 lowercase letters, digits, _ or -.";
    ErrDuplicateSelf => "投書を自分自身の重複にはできません。", "A slip cannot be a duplicate of itself.";
    ErrCsvLine => "{} の {} 行目: {}", "{} line {}: {}";
    ErrCsv => "{} の {} 行目 {} 列（{}）: {}", "{} line {}, column {} ({}): {}";
    ErrOpen => "データベース {} を開けません: {}", "Cannot open the database {}: {}";
    ErrSeed => "初期データ {} を読めません: {}", "Cannot read the seed file {}: {}";
    // Key help (generated into the status bar and the help overlay)
    KeyDown => "下へ", "down";
    KeyUp => "上へ", "up";
    KeyPageDown => "次のページ", "page down";
    KeyPageUp => "前のページ", "page up";
    KeyTop => "先頭へ", "first row";
    KeyBottom => "末尾へ", "last row";
    KeyOpen => "開く", "open";
    KeyNextTab => "次のタブ", "next tab";
    KeyPrevTab => "前のタブ", "previous tab";
    KeyTabN => "{}タブ", "{} tab";
    KeyTab1 => "未処理タブ", "New tab";
    KeyTab2 => "依頼中タブ", "Assigned tab";
    KeyTab3 => "期限超過タブ", "Overdue tab";
    KeyTab4 => "回答済タブ", "Answered tab";
    KeyTab5 => "完了タブ", "Closed tab";
    KeyTab6 => "すべてタブ", "All tab";
    KeyTab7 => "承認待ちタブ", "To review tab";
    KeyNew => "新規入力", "new slip";
    KeySearch => "検索", "search";
    KeyFilter => "絞り込み", "filter";
    KeyClearFilter => "絞り込み解除", "clear filters";
    KeyMark => "選択して次の行へ（一括操作）", "mark and move down (bulk action)";
    KeyAssign => "担当課指定", "assign";
    KeyReply => "回答入力", "reply";
    KeyStatus => "状況変更", "status";
    KeyRefresh => "再読み込み", "reload";
    KeyHelp => "ヘルプ", "help";
    KeyQuit => "終了", "quit";
    KeyApplySearch => "確定", "done";
    KeyDuplicateLast => "直前の投書を重複に", "last one a duplicate";
    HintDuplicate => "同じ内容なら: meyasu duplicate {} {}", "If it is the same: meyasu duplicate {} {}";
    KeyInsertAid => "挿入", "insert";
    KeyNextAid => "次の候補", "next one";
    KeySaveTemplate => "定型文として保存", "keep as template";
    AidsTitle => "定型文・似た投書への回答", "Templates, replies to similar slips";
    AidTemplate => "定型", "template";
    AidsNone => "（定型文も似た投書への回答もありません。Ctrl-K で今の下書きを定型文に）", "(no template or reply to a similar slip; Ctrl-K keeps this draft as one)";
    KeyRemind => "依頼・督促メール", "mail requests or reminders";
    KeySendMail => "送信する", "send";
    TitleRemind => "督促メール（送信前の確認）", "Reminders (check before sending)";
    TitleRequest => "回答依頼メール（送信前の確認）", "Requests (check before sending)";
    RemindSection => "{} {}件", "{} ({})";
    NoAddressShort => "メールアドレス未登録（送りません）", "no address (not mailed)";
    RemindWhere => "M で送るもの: 依頼中 のタブでは回答の依頼、期限超過 か 承認待ち のタブでは督促", "M mails the sections: requests on the Assigned tab, reminders on the Overdue or To review tab";
    KeyRemoveTemplate => "選んだ定型文を削除", "remove the template chosen";
    ConfirmRemoveTemplate => "定型文「{}」を削除します。もう一度 Ctrl-X で削除", "Remove the template \"{}\"? Ctrl-X again to remove it";
    NotATemplate => "選んでいるのは定型文ではありません（過去の回答は削除できません）", "The one chosen is not a template (past replies stay)";
    ColEmail => "メール", "Mail";
    KeyOutcome => "対応区分", "outcome";
    ErrOutcomeWithoutReply => "対応区分は回答のある課にだけ付けられます", "An outcome needs that section's reply in the same row";
    MailRequestSubject => "【目安箱】回答のお願い {} {}件", "[Suggestion box] Replies requested: {} ({})";
    MailRemindSubject => "【目安箱】回答の督促 {} {}件", "[Suggestion box] Replies overdue or returned: {} ({})";
    MailTo => "{} 御中", "To: {}";
    MailItemHead => "■ 受付番号 {}", "■ No. {}";
    MailItemFacts => "受付日 {}　階 {}　種別 {}　期限 {}", "Received {}  Floor {}  Kind {}  Due {}";
    MailShared => "この投書は {} にも依頼しています（回答は課ごとにお願いします）", "Also asked of {} (each section replies for itself)";
    MailReturnedWhy => "差し戻しの理由: {}", "Why it was sent back: {}";
    MailReturnedWas => "差し戻した回答:", "The reply sent back:";
    MailReviewed => "回答は一言ポスト担当が確認してから確定します（差し戻すこともあります）。", "The suggestion-box team checks each reply before it counts (and may send it back).";
    MailOutcomes => "回答には対応区分（{}）を添えてください。", "Give each reply an outcome ({}).";
    MailExtension => "内線 {}", "ext. {}";
    MailHowToReplySheet => "回答のしかた: 添付の回答票（{}）の「回答」欄と「対応区分」欄に記入して上書き保存し、このメールへの返信に添付して送ってください。", "To reply: fill in the Reply and Outcome columns of the attached sheet ({}), save it, and send it back attached to a reply to this mail.";
    CollectHeader => "{}（{}、{} 作成）", "{} ({}, made {})";
    FateNew => "新しい回答", "new reply";
    FateChanged => "変更（記録済みの回答を置き換えます）", "changed (replaces the reply on record)";
    FateUnchanged => "記録済み（変更なし）", "recorded already (unchanged)";
    FateEmpty => "未回答（空欄）", "not answered yet (empty)";
    FateRefused => "受け付けません: {}", "refused: {}";
    TitleCollect => "回答票の取り込み（{}）", "Reply sheets ({})";
    CollectEnter => "Enter で {}件の回答を記録します（承認待ちになります）。", "Enter records {} replies (they wait for review).";
    CollectNone => "{} に回答票はありません。", "No reply sheets in {}.";
    KeyCollect => "回答票の取り込み", "collect reply sheets";
    KeyRecord => "記録する", "record";
    ErrNoSheetInbox => "回答票を置くフォルダが設定されていません: meyasu settings set sheet_inbox フォルダ", "No folder for reply sheets is set: meyasu settings set sheet_inbox FOLDER";
    CollectNothing => "新しく記録する回答はありません。", "Nothing new to record.";
    CollectRecorded => "{}件の回答を記録しました。", "Recorded {} replies.";
    CollectApplyHint => "{}件を記録するには --apply を付けて実行します。", "To record these {} replies, run again with --apply.";
    ErrSheetsRefused => "{}件の回答票を受け付けませんでした（上の × の行）。", "{} reply sheets were refused (the lines marked ×).";
    SheetWritten => "{} を書き出しました。", "Wrote {}.";
    PublishTitle => "ご意見と回答（公表用）", "Suggestions and replies (public)";
    FileMailSubject => "【目安箱】{}", "[Suggestion box] {}";
    FileMailBody => "{}の目安箱担当です。{} を添付します。", "From the suggestion-box team of {}: {} is attached.";
    FileMailed => "{} を {} に送信しました。", "Mailed {} to {}.";
    MailContact => "問い合わせ先: {}", "Questions: {}";
    MailRequestIntro => "{}の一言ポスト担当です。次の投書について、担当課として回答と対応をお願いします。期限までにご回答ください。", "From the suggestion-box team of {}: please reply to these slips, and act on them, by their due dates.";
    MailRemindIntro => "{}の一言ポスト担当です。次の投書は期限を過ぎたか、回答を差し戻したものです。回答をお願いします。", "From the suggestion-box team of {}: these slips are past due, or their reply was sent back. Please reply.";
    MailHowToReply => "回答のしかた: meyasu --section {0} で開き r で入力するか、meyasu --section {0} reply {1} {0} --text \"…\"", "To reply: open meyasu --section {0} and press r, or run meyasu --section {0} reply {1} {0} --text \"…\"";
    NothingToRequest => "新しく依頼する投書はありません（担当課が付き、まだ依頼していないもの）。", "Nothing new to request (slips assigned and not asked about yet).";
    NothingToRemind => "督促する投書はありません（期限超過・差し戻し）。", "Nothing to remind (past due or sent back).";
    NoAddress => "（メールアドレス未登録: meyasu sections email {} ADDRESS）", "(no mail address: meyasu sections email {} ADDRESS)";
    MailSent => "{} に送信しました（{}件）。", "Mailed {} ({} slips).";
    MailTimedOut => "{} が {}秒以内に応答しませんでした", "the relay at {} did not answer within {} s";
    MailBroke => "メールの送信中に内部エラーが起きました。送れたものだけ記録しています。", "Mail sending broke off with an internal error; only what was sent is recorded.";
    ErrNotRegularFile => "通常のファイルではありません", "not a regular file";
    ErrSmallFileTooLarge => "{} KiB を超えています", "larger than {} KiB";
    ByMail => "メールで", "by mail";
    ByPaper => "紙で", "on paper";
    MailStopping => "この課を送り終えたら止めます…", "Stopping after this section…";
    RemindAllHeld => "送るものはすべて最近督促済みです。a を2回押すと含めます。", "Everything here was reminded recently: press a twice to include it.";
    KeyToggleSheets => "回答票の添付", "attach reply sheets";
    RemindSheetsOn => "各課へのメールに回答票（Excel）を添付します（x で切り替え）", "Each section's mail carries its reply sheet (Excel) (x switches)";
    RemindSheetsOff => "回答票は添付しません（x で切り替え）", "No reply sheets attached (x switches)";
    KeyRemindAgain => "最近督促したものも含める", "include recently reminded";
    MailTakenElsewhere => "{} には送りません: 同時に動いている別の送信が送りました。", "Not mailed to {}: another run sending at the same time did.";
    MailStopped => "中止しました。送っていません: {}", "Stopped. Not sent: {}";
    MailSending => "送信中 {}/{}: {} … Esc で残りを中止", "Sending {}/{}: {} … Esc stops the rest";
    LastReminded => "（前回の督促 {}）", " (last reminded {})";
    RemindHeld => "{} #{}: {} に督促済み（{}開庁日以内）のため送りません。", "{} #{}: reminded on {} (within {} office days), not sent again.";
    RemindHeldHint => "もう一度送るには --again を付けます（間隔は settings set remind_days N）。", "To send them again, add --again (the interval: settings set remind_days N).";
    RequestSkipped => "{}: 依頼済みで回答待ちの {}件は依頼しません（督促は meyasu remind）。", "{}: {} slips already requested and awaiting a reply are not requested again (chase them with meyasu remind).";
    RemindHeldTitle => "最近督促したため送らないもの（a を2回で含める）", "Reminded recently, not sent (press a twice to include)";
    RemindAgainArm => "最近督促した {}件も送りますか。もう一度 a で含めます。", "Send the {} recently reminded too? Press a again to include them.";
    RemindAgainOn => "最近督促したものも含めます（{}件）。Enter で送信", "Including the recently reminded ({}). Enter sends";
    MailNotSent => "{} には送っていません: メールアドレスがありません。", "Not mailed to {}: it has no address.";
    EmlWritten => "{} を書き出しました（送信していません）。", "Wrote {} (nothing sent).";
    AskRecorded => "{} への{}を記録しました（{}件）。", "Recorded the {1} to {0} ({2} slips).";
    ErrNoMailSetup => "メールの設定がありません: meyasu settings set mail_from ADDRESS と meyasu settings set mail_relay smtp://HOST:PORT（または sendmail）", "Mail is not set up: meyasu settings set mail_from ADDRESS and meyasu settings set mail_relay smtp://HOST:PORT (or sendmail)";
    ActRequested => "回答依頼", "reply requested";
    ActReminded => "督促", "reminded";
    SheetTitle => "回答票", "Reply sheet";
    SheetNumber => "受付番号", "No.";
    SheetOthers => "他の担当課", "Also asked of";
    SheetPrevious => "差し戻した回答", "Reply sent back";
    SheetReason => "差し戻しの理由", "Why it was sent back";
    SheetAnswer => "回答", "Reply";
    SheetRequest => "回答のお願い", "Replies requested";
    SheetRemind => "回答の督促", "Reminder";
    SheetDates => "{}　作成日 {}　回答期限 {}　{}件", "{}  made {}  due {}  {} slips";
    SheetHowTo => "■ 記入のしかた\n1. 各行の「回答」欄に、投書への回答を書いてください（セルの中で改行するときは Alt+Enter）。灰色の欄は変更できません。\n2. 「対応区分」欄は一覧（{}）から選び、「回答者」欄にお名前を書いてください。回答のない行は空欄のままで構いません（未回答として扱います）。\n3. 上書き保存し、このファイルをメールに添付して返信してください。回答は一言ポスト担当が確認してから確定します。", "How to fill in\n1. Write each reply in the Reply column (Alt+Enter for a new line in a cell). The grey cells cannot be changed.\n2. Pick the Outcome from the list ({}) and write your name under Written by. Leave a row empty if it is not answered yet.\n3. Save, and send the file back attached to a reply to the mail. The suggestion-box team checks each reply before it counts.";
    SheetMissing => "そのファイルもフォルダもありません", "there is no such file or folder";
    SheetNoOutcome => "対応区分なし", "no outcome";
    SheetPickOutcome => "一覧から選んでください", "Pick one from the list";
    SheetNotXlsx => "Excel のファイル（.xlsx）として読めません", "cannot be read as an Excel file (.xlsx)";
    SheetNotOurs => "meyasu の回答票ではありません", "not a meyasu reply sheet";
    SheetForged => "署名が合いません（課や投書番号が書き換えられたか、壊れています）。この票は受け付けません", "its signature does not match (the section or the slips were changed, or it is damaged); the sheet is refused";
    SheetOtherDatabase => "別のデータベースで作られた回答票です。この票は受け付けません", "it was made by another database; the sheet is refused";
    SheetNoTable => "回答の表（受付番号・回答の列）が見つかりません", "its table (the number and reply columns) is not there";
    SheetCellError => "セルがエラー値です", "a cell holds an error value";
    SheetTwice => "同じ投書の行が二つあります", "the same slip is on two rows";
    SheetNotOnIt => "この回答票の投書ではありません", "not a slip of this sheet";
    SheetTooLong => "回答が長すぎます（{}字まで）", "the reply is too long ({} characters at most)";
    SheetUnknownOutcome => "対応区分「{}」はありません。使えるもの: {}", "no outcome \"{}\"; known: {}";
    SheetNoSlip => "その番号の投書はありません", "no such slip";
    SheetVoided => "取り消された投書です", "the slip was voided";
    SheetReassigned => "この課の担当から外れています", "no longer assigned to this section";
    SheetClosed => "完了した投書です", "the slip is closed";
    SheetNewerReply => "回答票の作成後に別の回答が記録されています（上書きしません）", "a reply was recorded after the sheet was made (not overwritten)";
    ErrSheetRefused => "{}: {}", "{}: {}";
    ActCollected => "回答票で受領", "reply sheet collected";
    ActApproved => "回答承認", "reply approved";
    ActReturned => "差し戻し", "reply returned";
    ErrNoReplyToReview => "#{} に{}の回答はありません", "#{} has no reply from {}";
    ErrNotWaiting => "#{} の{}の回答は承認待ちではありません（{}）", "#{}: {}'s reply is not awaiting review ({})";
    ErrReturnNeedsReason => "差し戻すには理由が必要です（--reason）", "Returning a reply needs a reason (--reason)";
    ApprovedMsg => "#{} の{}の回答を承認しました。", "Approved {1}'s reply to #{0}.";
    ReturnedMsg => "#{} の{}の回答を差し戻しました。", "Returned {1}'s reply to #{0}.";
    ReplyWaitsForReview => "回答は承認待ちです（担当チームが確認します）。", "The reply waits for the team's review.";
    ErrBadSetting => "設定「{}」に「{}」は使えません。設定できるもの: review_replies true|false、business_days true|false、reply_days 1〜365、remind_days 0〜60、mail_timeout 1〜300（秒）、ward 名前、ward_en 名前、mail_from アドレス、contact_name 名前、contact_ext 内線、contact_mail アドレス、sheet_inbox フォルダ、report_to アドレス、mail_relay sendmail|smtp://HOST:PORT|smtps://HOST:PORT", "Setting \"{}\" cannot be \"{}\". What can be set: review_replies true|false, business_days true|false, reply_days 1–365, remind_days 0–60, mail_timeout 1–300 (seconds), ward NAME, ward_en NAME, mail_from ADDRESS, contact_name NAME, contact_ext EXTENSION, contact_mail ADDRESS, sheet_inbox FOLDER, report_to ADDRESS, mail_relay sendmail|smtp://HOST:PORT|smtps://HOST:PORT";
    TitleReview => "回答の確認", "Review replies";
    FieldReturnReason => "差し戻す理由", "Why";
    KeyApprove => "承認", "approve";
    KeyReturnReply => "差し戻す", "send back";
    KeyReview => "回答の確認", "review";
    NothingToReview => "承認待ちの回答はありません", "No reply waits for review";
    ErrNoTemplate => "定型文 {} はありません（meyasu templates で一覧）", "No template {} (meyasu templates lists them)";
    TemplateAdded => "定型文 {} を登録しました。", "Template {} added.";
    TemplateChanged => "定型文 {} を変更しました。", "Template {} changed.";
    TemplateRemoved => "定型文 {} を削除しました。", "Template {} removed.";
    ErrBadAddress => "「{}」はメールアドレスではありません（例: kumin@city.example.jp）", "\"{}\" is not a mail address (e.g. kumin@city.example.jp)";
    ErrMail => "{}へのメールを送れませんでした（{}）: {}。送信済みとしては記録していません。", "Could not mail {} (through {}): {}. Nothing was recorded as sent.";
    ReplyDraft => "承認待ち", "awaiting review";
    ReplyApproved => "承認済", "approved";
    ReplyReturned => "差し戻し", "returned";
    OutcomeNotSet => "未設定", "not set";
    OutcomeOpen => "（未回答）", "(not replied yet)";
    OutcomeWaiting => "（承認待ち）", "(awaiting review)";
    OutcomeReturned => "（差し戻し）", "(returned)";
    ReportOutcomeNote => "対応区分は課ごとの回答を1件と数えます（一つの投書に三つの課が回答すれば3件）。承認された回答だけを対応区分に数え、承認待ち・差し戻し・未回答は別の行です。行の合計は課別件数になります。", "Each section's reply counts once (a slip three sections answered counts three times). Only approved replies count under an outcome; replies awaiting review, returned ones and items not replied to yet are rows of their own. The rows add up to the section items.";
    ReportWaiting => "承認待ち", "Awaiting review";
    ReportReturned => "差し戻し", "Returned";
    ReportLateReplies => "回答遅延", "Late replies";
    ColOutcome => "対応区分", "Outcome";
    SimilarTo => "#{} に似た投書", "Like #{}";
    DuplicateOfFirst => "で #{} を #{} の重複に（番号は変えられます）", "marks #{} a duplicate of #{} (the number can be changed)";
    SimilarSlips => "似た投書", "Similar slips";
    Suggested => "候補", "suggested";
    KeySearchBack => "元の検索に戻す", "undo search";
    KeyCancel => "取消", "cancel";
    KeyScrollDown => "下へスクロール", "scroll down";
    KeyScrollUp => "上へスクロール", "scroll up";
    KeyEdit => "修正", "edit";
    KeyDuplicate => "重複指定", "mark duplicate";
    KeyBack => "戻る", "back";
    KeySaveNext => "保存して次へ", "save and next";
    KeySave => "保存", "save";
    KeyNextField => "次の項目", "next field";
    KeyPrevField => "前の項目", "previous field";
    KeyToggle => "選ぶ／外す", "pick / unpick";
    KeyNextSection => "次の課", "next section";
    KeyPrevSection => "前の課", "previous section";
    KeyNextValue => "次の値", "next value";
    KeyPrevValue => "前の値", "previous value";
    KeyClearValue => "指定なしに", "clear";
    KeyApply => "適用", "apply";
    KeyClose => "閉じる", "close";
    // Screens
    TabNew => "未処理", "New";
    TabAssigned => "依頼中", "Assigned";
    TabOverdue => "期限超過", "Overdue";
    TabAnswered => "回答済", "Answered";
    TabClosed => "完了", "Closed";
    TabAll => "すべて", "All";
    TabReview => "承認待ち", "To review";
    TabReturned => "差し戻し", "Returned";
    TitleInbox => "目安箱", "meyasu";
    TitleEntry => "投書の入力", "Enter a slip";
    TitleEdit => "投書 {} の修正", "Edit slip {}";
    TitleDetail => "投書 {}", "Slip {}";
    TitleTriage => "担当課の指定", "Assign sections";
    TitleStatus => "状況の変更", "Change status";
    TitleReply => "回答の入力", "Write the reply";
    TitleFilter => "絞り込み", "Filter";
    TitleHelp => "キー操作", "Keys";
    TitleDuplicate => "重複の指定", "Mark duplicate";
    Liaison => "連絡員", "liaison";
    FieldReason => "理由", "Reason";
    FieldSearch => "検索", "Search";
    FieldFindSection => "課を検索", "Find section";
    FieldOriginal => "元の受付番号", "Original slip number";
    FieldMonth => "月", "Month";
    FieldFiscalYear => "年度", "Fiscal year";
    FilterAny => "（指定なし）", "(any)";
    HintPickNumber => "数字キーで選択", "press a number";
    LiaisonWaitingForUs => "自課の回答待ち", "waiting for us";
    LiaisonOthersPending => "他課の回答待ち", "others pending";
    ClosedDay => "閉庁日", "office closed";
    HintDate => "例: 2024-02-10・2/10・令和6年2月10日", "e.g. 2024-02-10, 2/10, 令和6年2月10日";
    HintReasonNeeded => "再開には理由が必要です", "reopening needs a reason";
    HintSelected => "担当課", "Sections";
    HintAddEach => "各投書に追加", "Add to each";
    PlanKeepsReply => "{} を外す（回答は「担当から外れた課の回答」として残ります）", "remove {} (its reply stays, shown as from a section no longer assigned)";
    PlanConfirm => "この内容で変更します。Ctrl-S で実行、Esc で選び直し。", "This is what will change. Ctrl-S to do it, Esc to go back.";
    PlanUnchanged => "変更なし", "no change";
    Replied => "回答済", "replied";
    EntrySaved => "受付番号 {} で登録しました。続けて次の投書を入力できます。", "Saved as slip {}. Type the next one.";
    EditSaved => "投書 {} を修正しました。", "Slip {} updated.";
    Saved => "保存しました。", "Saved.";
    ErrPickFloor => "階を選んでください。", "Pick a floor.";
    ErrPickKind => "種別を選んでください。", "Pick a kind.";
    ErrPickSection => "課を一つ以上選んでください。", "Pick at least one section.";
    ErrNotNumber => "受付番号を数字で入力してください。", "Type the slip number in digits.";
    ErrNoChoices => "この状況からは変更できません。", "No change is possible from this status.";
    SlipChangedElsewhere => "#{} は他の人が変更しました（保存するときに確かめます）。", "Someone else changed #{}; saving will check first.";
    NeedTerminal => "meyasu の画面には端末が必要です。ssh では -t を付けて接続してください（例: ssh -t ホスト名 meyasu）。端末なしで使えるコマンドは meyasu help で一覧できます。", "meyasu's screen needs a terminal. Over SSH, connect with -t (ssh -t host meyasu); meyasu help lists the commands that need none.";
    SearchBroke => "検索が内部エラーで止まりました。もう一度入力してください（Ctrl-R で一覧を読み直します）。", "The search stopped on an internal error. Type again (Ctrl-R reloads the list).";
    ConfirmQuit => "保存していない入力があります。もう一度 Ctrl-C で終了します（入力は失われます）。", "Unsaved input: press Ctrl-C again to quit (the input is lost).";
    ConfirmDiscard => "保存していない入力があります。もう一度 Esc で破棄します。", "Unsaved input: press Esc again to discard it.";
    BulkDone => "{} 件を変更しました。", "Changed {} slips.";
    BulkFailed => "{} 件は変更できませんでした: {}", "{} could not be changed: {}";
    Marked => "{} 件選択中", "{} marked";
    FilterLabel => "絞り込み", "Filter";
    TooSmall => "画面が小さすぎます（40×10 以上にしてください）", "Terminal too small (need 40×10)";
    DaysOverdue => "{}日超過", "{}d late";
    Rows => "{} / {} 件", "{} of {}";
    SlipsOf => "{} の投書", "{}'s slips";
    // Reports
    ReportTitle => "目安箱 投書集計", "Suggestion box tally";
    ReportSlips => "合計（投書数）", "Total (slips)";
    ReportItems => "合計（課別件数）", "Total (section items)";
    ReportCumulative => "累計", "Running total";
    ReportTotal => "計", "Total";
    ReportThisMonth => "当月", "Month";
    ReportYearToDate => "年度累計", "Year to date";
    ReportNoSection => "（担当課なし）", "(no section)";
    ReportItemsNote => "一つの投書に複数の課が指定されている場合、課別件数では課ごとに数えます。", "A slip with several sections counts once per section in the section items.";
    ReportReplies => "課別の回答状況", "Replies by section";
    ReportAssigned => "依頼", "Assigned";
    ReportReplied => "回答", "Replied";
    ReportOverdue => "期限超過", "Overdue";
    ReportAvgDays => "平均日数", "Avg days";
    ReportMaxDays => "最長日数", "Max days";
    ReportDue => "月別の回答期限", "Replies by month";
    ReportDueCount => "期限到来", "Due";
    ReportAnswered => "回答数", "Answered";
    ReportLate => "期限後・未回答", "Late";
    ReportAsOf => "{} 現在", "as of {}";
    ReportPrinted => "作成日 {}", "Printed {}";
    TitleSummary => "集計", "Summary";
    KeySummary => "集計", "summary";
    KeyDimension => "集計項目", "group by";
    KeyUnit => "投書数／課別件数", "slips / items";
    SimilarNone => "似た投書はありません。", "No similar slips.";
    SuggestNone => "候補はありません（事務分掌の語も、担当課の決まった似た投書も見つかりません）。", "No suggestion: no duty word and no similar triaged slip found.";
    SuggestBecause => "似た投書", "similar slips";
    SuggestDuties => "事務分掌", "duties ";
    SuggestSep => "、", "; ";
    SuggestTitle => "投書 #{} の担当課候補（担当課を決めるのは職員です）", "Sections suggested for slip #{} (the clerk decides)";
    SuggestHistoryWeight => "履歴の重み {}（担当課の決まった投書 {} 件から。事務分掌の重み {}）", "History weighs {} (from {} triaged slips; duties weigh {})";
    SuggestDutyTerms => "事務分掌の語（課・語・重み）:", "Duty words found (section, word, weight):";
    SuggestKeyTerms => "似た投書を探した語（語・重み）:", "Words similar slips were looked for by (word, weight):";
    SuggestSimilar => "似た投書（番号・似ている度合い・担当課）:", "Similar slips (number, likeness, sections):";
    SuggestNoneFound => "（なし）", "(none)";
    DutiesNone => "課 {} の事務分掌はまだありません。`meyasu sections duties {} add 語…` で加えられます。", "Section {} has no duties yet: add them with `meyasu sections duties {} add WORD…`.";
    DutiesAdded => "課 {} の事務分掌: {} 語（追加 {}、削除 {}）", "Section {}'s duties: {} words ({} added, {} removed)";
    ErrDutyWord => "「{}」は事務分掌の語にできません（1行・{}文字以内で、文字か数字を含む語にしてください）。", "“{}” cannot be a duty: one line of at most {} characters, with a letter or digit.";
    KeyPeriod => "月別／四半期別／半期別", "by month / quarter / half";
    KeyTrend => "年度別推移（5年度）", "five-year trend";
    KeyMonth => "月を選ぶ", "pick a month";
    KeyPrevYear => "前年度", "previous year";
    KeyNextYear => "次年度", "next year";
    UnitSlips => "投書数", "slips";
    UnitItems => "課別件数", "section items";
    ReportWritten => "{} に書き出しました。", "Wrote {}.";
    ErrNotInText => "「{}」はこの投書の内容にありません。内容のとおりに入力してください。", "\"{}\" does not occur in the slip's text: type it exactly as written.";
    ActImported => "取込", "imported";
    ActPublication => "公表設定", "publication";
    ActPrivate => "非公開箇所", "private text";
    ErrMany => "{} 件の問題があるため、何も取り込んでいません:", "{} problems, so nothing was imported:";
    ErrMissingColumns => "必要な列がありません: {}（見出し行に 受付日・階・種別・内容 が必要です）", "Missing columns: {} (the header row needs 受付日/date, 階/floor, 種別/kind, 内容/text)";
    ErrRequired => "空欄です。入力が必要です。", "empty: a value is required.";
    ErrStatusNeedsSection => "この状況には担当課が必要です。", "this status needs at least one section.";
    ErrYesNo => "「{}」は はい／いいえ として読めません。", "\"{}\" is not yes or no.";
    ImportDry => "{}: {} 件を取り込めます（文字コード {}）。--dry-run のため何も書き込んでいません。", "{}: {} slips can be imported (encoding {}). Dry run: nothing was written.";
    ImportDone => "{}: {} 件を取り込みました（文字コード {}）。", "{}: imported {} slips (encoding {}).";
    ImportInDb => "登録済みの投書と同じ {} 件は取り込みませんでした（{} 行目）。", "Skipped {} slips already in the database (lines {}).";
    ImportInFile => "ファイル内で重複する {} 件は取り込みませんでした（行目=最初の行目: {}）。", "Skipped {} repeated rows (line=first line: {}).";
    ImportIgnored => "読まなかった列: {}", "Columns not read: {}";
    PubHidden => "公表しない", "kept off the public list";
    PubShown => "公表する", "on the public list";
    BackupDone => "{} にバックアップしました（投書 {} 件）。", "Backed up to {} ({} slips).";
    RestoreConfirm => "{} を {}（投書 {} 件）で置き換えます。よろしいですか [y/N]: ", "Replace {} with {} ({} slips)? [y/N]: ";
    RestoreNeedsYes => "確認できないため復元しません。置き換えてよい場合は --yes を付けてください。", "Cannot ask for confirmation here: add --yes to replace the database.";
    RestoreCancelled => "復元を取りやめました。何も変更していません。", "Restore cancelled: nothing changed.";
    RestoreDone => "{}（投書 {} 件）から復元しました。元のデータベースは {} に残してあります。", "Restored from {} ({} slips). The previous database is kept as {}.";
    KeyPublication => "公表する／しない", "public list on/off";
    KeyPrivate => "非公開箇所の指定", "mark private text";
    KeyAddPrivate => "追加", "add";
    KeyClearPrivate => "すべて解除", "clear all";
    TitlePrivate => "非公開箇所（公表時に伏せる文字列）", "Private text (masked when published)";
    FieldPrivate => "伏せる文字列", "Text to mask";
    NoPublish => "公表しない", "not for publication";
    PrivateMarks => "非公開箇所", "Private";
    ErrEncodedWordName => "名前「{}」に「=?」は使えません（メールの件名で別の文字として読まれます）。", "The name \"{}\" cannot hold \"=?\" (a mail's subject would read it as something else).";
    SearchTooManyWords => "検索語は{}語までです。残りの{}語は使っていません。", "A search takes {} words at most; the other {} were left out.";
    ErrUnicodeAddress => "「{}」には英数字以外の文字があります。このようなアドレスは中継サーバーが SMTPUTF8 に対応していないと送れないため、使えません。", "\"{}\" has characters beyond ASCII: such an address needs a relay with SMTPUTF8, so it is refused.";
    ErrNoSeedDir => "MEYASU_SEED_DIR のフォルダがありません", "the MEYASU_SEED_DIR folder does not exist";
    MaskUnreadableLeftOut => "投書 {} の非公開の指定が読めないため、公表する一覧から外しました。", "Slip {}'s private-text marks cannot be read, so it is left out of the public list.";
    ErrMaskUnreadable => "投書 {0} の非公開の指定が読めません。meyasu mask {0} --remove で消してから、指定し直してください。", "Slip {0}'s private-text marks cannot be read: clear them with meyasu mask {0} --remove, then mark again.";
    KeyMailReport => "集計をメールで送る", "mail the report";
    ErrNoReportTo => "集計の送り先が設定されていません: meyasu settings set report_to アドレス", "No address to mail reports to: meyasu settings set report_to ADDRESS";
    ClapUnknownArgument => "「{}」という指定はありません。", "There is no option \"{}\".";
    ClapUnknownCommand => "「{}」というコマンドはありません。", "There is no command \"{}\".";
    ClapMissing => "{} を指定してください。", "{} is required.";
    ClapBadValue => "{} に「{}」は使えません。", "{} cannot be \"{}\".";
    ClapNoValue => "{} には値が必要です。", "{} needs a value.";
    ClapConflict => "{} は一緒に指定できません。", "{} cannot be given together.";
    ClapValues => "{} の値の数が合いません。", "{} has the wrong number of values.";
    ClapMissingCommand => "コマンドを指定してください。{}", "Name a command.{}";
    ClapDidYouMean => " もしかして「{}」ですか。", " Did you mean \"{}\"?";
    ClapSeeHelp => "使い方: meyasu help（コマンドごとに meyasu help コマンド）", "Usage: meyasu help (per command: meyasu help COMMAND)";
    ErrBadName => "名前「{}」に制御文字が含まれています。文字だけで入力してください。", "The name \"{}\" contains control characters: use plain text.";
    HintBusy => "データベースは他の人が書き込み中です（5 秒待ちました）。少し待ってからやり直してください。", "The database is busy with someone else's change (waited 5 seconds): try again in a moment.";
    Reindexing => "文字索引を作成しています", "Building the text index";
    HintReadOnly => "データベースが読み取り専用のため変更できません。ファイルの書き込み権限を確認してください。", "The database is read-only, so nothing can be changed: check the file's write permission.";
    HintDiskFull => "ディスクがいっぱいです。空きを作ってからやり直してください。変更は保存されていません。", "The disk is full: free some space and try again. Nothing was changed.";
    HintCorrupt => "ファイルが壊れているか、データベースではありません。`meyasu restore` でバックアップから戻してください。", "The file is damaged or not a database: bring back a backup with `meyasu restore`.";
    HintCannotOpen => "フォルダがあり、書き込みできることを確認してください（--db か MEYASU_DB で場所を変えられます）。", "Check that the folder exists and you can write to it (--db or MEYASU_DB choose another place).";
    HintIo => "読み書きに失敗しました（ディスクの空きや状態を確認してください）。変更は保存されていません。", "Reading or writing failed (check the disk's space and health). Nothing was changed.";
    EmptyHint => "n で最初の投書を入力できます。試しに使うには `meyasu demo --temp` でデモデータを作れます。", "Press n to enter the first slip. To try meyasu first, `meyasu demo --temp` makes a database of demo slips.";
    ErrUnknownFormat => "形式「{}」には対応していません。{} から選んでください。", "Unknown format \"{}\": use {}.";
    ErrUnknownDimension => "集計項目「{}」はありません。section・department・floor・kind・status から選んでください。", "Cannot group by \"{}\": use section, department, floor, kind or status.";
    ErrBinaryToTerminal => "xlsx は端末に表示できません。-o ファイル名.xlsx のようにファイル名を指定してください。", "xlsx cannot be shown in a terminal: name a file with -o file.xlsx.";
    ErrDemoNotEmpty => "{} にはもう投書があります。デモを別のデータベースに入れるには `meyasu demo --temp`、このまま追加するには --force を付けてください。", "{} already holds slips. Use `meyasu demo --temp` for a separate database, or --force to add the demo slips anyway.";
    CumulativeToMonth => "{0}末までの累計 {1} 件", "{1} slips to the end of {0}";
    CumulativeToMonthOne => "{0}末までの累計 {1} 件", "{1} slip to the end of {0}";
    CumulativeToDay => "{0}現在の累計 {1} 件", "{1} slips as of {0}";
    CumulativeToDayOne => "{0}現在の累計 {1} 件", "{1} slip as of {0}";
    ErrNotMeyasuDb => "meyasu のデータベースではありません。", "not a meyasu database.";
    ErrFutureDate => "{}の {} は今日（{}）より後の日付です。入力の誤りでなければ --allow-future を付けてください。", "{} {} is after today ({}). If it is not a typo, add --allow-future.";
    ErrFutureDateKey => "受付日 {} は今日より後の日付です。入力の誤りでなければ、もう一度 Ctrl-S で保存します。", "The date received, {}, is after today. If it is not a typo, press Ctrl-S again to save.";
    ErrTooEarly => "{}の {} は 1989年1月1日より前です。入力の誤りではありませんか（例: 2024 を 1924 と入力）。", "{} {} is before 1 January 1989: a typo (1924 for 2024)?";
    ErrTooLong => "{}が長すぎます（{} 文字。上限 {} 文字）。ファイルの中身をまるごと貼り付けていませんか。", "{} is too long ({} characters; the limit is {}). Was a whole file pasted in?";
    ImportControls => "制御文字を {} か所のセルから取り除きました（行:列 {}）。", "Control characters were taken out of {} cells (line:column {}).";
    ControlsRemoved => "注意: 見えない制御文字を {} 個取り除いて保存しました。", "Note: {} invisible control characters were taken out.";
    ErrDueBeforeReceived => "期限 {} が受付日 {} より前になっています。", "The due date {} is before the day the slip was received, {}.";
    InitCreated => "{} を作りました（投書 {} 件。課・階・種別は登録済み）。", "Created {} ({} slips; sections, floors and kinds seeded).";
    InitExists => "{} はもうあります（投書 {} 件）。何も変更していません。", "{} already exists ({} slips). Nothing was changed.";
    ErrDuplicateCycle => "受付番号 {0} を {1} の重複にはできません。{1} がすでに {0} の重複（またはその先）になっています。", "Slip {0} cannot repeat {1}: {1} already repeats {0} (directly or through others).";
    ErrSectionNameTaken => "「{}」という名前の課はもうあります（{}）。別の名前にしてください。", "A section named \"{}\" already exists ({}): choose another name.";
    ErrEmptyName => "名前が空です。名前を入力してください。", "The name is empty: type a name.";
    ErrSectionInactive => "課 {0} は使われなくなっています（無効）。新しく担当にするには先に `meyasu sections activate {0}` で戻してください。", "Section {0} is deactivated: reactivate it first with `meyasu sections activate {0}` to ask it to reply.";
    ErrAssignClosed => "受付番号 {} は{}です。担当課を指定するには、先に状況を戻してください（理由が必要です）。", "Slip {} is {}: reopen it first (with a reason) to assign sections.";
    ErrBadToday => "MEYASU_TODAY の「{}」は日付として読めません。YYYY-MM-DD で指定するか、外してください。", "MEYASU_TODAY \"{}\" is not a date: use YYYY-MM-DD, or unset it.";
    ErrColumnTwice => "「{}」の列が二つあります。どちらかを消すか名前を変えてください。", "The column \"{}\" appears twice: delete or rename one.";
    PerQuarter => "四半期別", "by quarter";
    PerHalf => "半期別", "by half";
    PeriodYears => "{} 年度別推移", "{}, year by year";
    QuarterN => "第{}四半期", "Q{}";
    Half1 => "上半期", "H1";
    Half2 => "下半期", "H2";
    ReportPrevious => "前年同期", "Year before";
    ReportChange => "増減", "Change";
    SummaryOpening => "{}に{}の目安箱に寄せられた意見・要望等は{}件でした（{}時点）。", "In {}, the suggestion box of {} received {} opinions, requests and other comments (as of {}).";
    SummaryLargest => "担当課別では{}が多く、種別では{}の順でした。", "The sections with the most were {}; by kind, {}.";
    SummaryReplies => "投書{}件について担当課へ延べ{}件の回答を依頼し、{}件に回答がありました。", "For {} slips, sections were asked for {} replies in all and have given {}.";
    SummaryPending => "ほかに承認待ちの回答が{}件、差し戻した回答が{}件あります。", "Besides, {} replies await review and {} were sent back.";
    SummaryLargestOneKind => "担当課別では{}が多く、種別はすべて{}でした。", "The sections with the most were {}; all were of the kind {}.";
    SummaryItem => "{}（{}件）", "{} ({})";
    SummaryListSep => "、", ", ";
    ErrUnknownPer => "列の区切り「{}」はありません。month（月別）・quarter（四半期別）・half（半期別）・year（年度別）から選んでください。", "Cannot report per \"{}\": use month, quarter, half or year.";
    ErrBadYears => "年度の範囲「{}」が読めません。2022..2024 や 令和4年度..令和6年度 のように、古い年度から20年度以内で指定してください。", "Cannot read the years \"{}\": give them oldest first and at most 20 years apart, as 2022..2024 or 令和4年度..令和6年度.";
    StandardInput => "標準入力", "standard input";
    ErrNotOurs => "{} は meyasu のデータベースではありません（ほかのプログラムのファイルです）。何も変更していません。--db で別の場所を指定してください。", "{} is not a meyasu database (another program's file). Nothing was changed; name another file with --db.";
    ErrOutputIsDatabase => "{} はデータベースそのもののファイルです。別の名前を指定してください（何も書き込んでいません）。", "{} is one of the database's own files: name another file (nothing was written).";
    ErrOutputExists => "{} はもうあります。上書きするには --force を付けてください（何も書き込んでいません）。", "{} already exists: add --force to replace it (nothing was written).";
    ErrWrite => "{} を書き出せませんでした: {}（書きかけのファイルは残していません）。", "Could not write {}: {} (no partial file was left).";
    DbIsFolder => "フォルダです。データベースのファイルを指定してください（フォルダなら その中の meyasu.db: --db フォルダ/）", "it is a folder: name the database file (or --db FOLDER/ for meyasu.db in it)";
    DbNotRegular => "普通のファイルではありません（装置や名前付きパイプなど）。データベースのファイルを指定してください", "not a regular file (a device or a pipe): name the database file";
    OsNotFound => "そのフォルダがありません", "the folder does not exist";
    OsPermission => "書き込む権限がありません", "no permission to write there";
    OsExists => "同じ名前のものがすでにあります", "something of that name is there already";
    OsNotADirectory => "途中の名前がフォルダではなくファイルです", "a name on the way is a file, not a folder";
    OsIsADirectory => "フォルダです（ファイル名を指定してください）", "it is a folder (name a file)";
    ErrFileDirectory => "{} はフォルダです。CSV か xlsx のファイルを指定してください。", "{} is a folder: name a CSV or xlsx file.";
    ErrFileNotRegular => "{} は普通のファイルではありません（装置や名前付きパイプなど）。CSV か xlsx のファイルを指定してください。", "{} is not a regular file (a device or a pipe): name a CSV or xlsx file.";
    ErrFileTooLarge => "{} は大きすぎます（{}。上限 {}）。ファイルを確かめるか、MEYASU_MAX_FILE_MB で上限を変えてください。", "{} is too large ({}; the limit is {}). Check the file, or change the limit with MEYASU_MAX_FILE_MB.";
    ErrFileEmpty => "{}: 見出し行がありません（空のファイルです）。", "{}: no header row (the file is empty).";
    ErrFileNotXlsx => "{} は Excel ファイルとして読めません（壊れているか、拡張子だけが .xlsx です）。", "{} cannot be read as an Excel file (it is damaged, or only its name ends in .xlsx).";
    ErrFileEncoding => "{}: 文字コードを判別できません（UTF-8 か Shift_JIS で保存してください）。", "{}: unknown text encoding (save the file as UTF-8 or Shift_JIS).";
    ErrFileMissing => "{} がありません。", "{} does not exist.";
    ErrFileUnreadable => "{} を読めません。", "{} cannot be read.";
    ErrUnterminatedQuote => "引用符（\"）が閉じられていません。この行から後ろが一つのセルになってしまいます。", "a quote (\") is never closed: everything after it would become one cell.";
    ErrCellCount => "列の数が見出しと合いません（見出し {} 列、この行 {} 列）。", "the row has {1} cells where the header has {0}.";
    ErrHeaderRepeated => "見出し行がもう一度出てきます（ファイルを二つつなげていませんか）。", "the header row appears again (two files joined together?).";
    ErrEmptyFile => "見出し行がありません（空のファイルです）。", "the file is empty: no header row.";
    PromptText => "本文を入力し、Ctrl-D で終えてください:", "Type the text, then Ctrl-D:";
    ErrorPrefix => "エラー", "error";
    ErrFileExists => "同じ名前のファイルがあります。別の名前を指定してください。", "the file already exists: choose another name.";
    ErrNoSuchFile => "ファイルがありません。", "no such file.";
    ErrLiaisonCommand => "連絡員モード（課 {}。--section か MEYASU_SECTION による）で使えるのは、その課の投書の list・show、その課としての reply（課は省略できます）、その課の templates だけです。", "Liaison mode (section {}, from --section or MEYASU_SECTION) allows only: list and show of that section's slips, reply as that section (the section may be left out), and templates of that section.";
    ErrReplyWhichSection => "投書 {} には担当課が複数あります。回答する課を指定してください: {}", "Slip {} has several sections: name the one replying: {}";
    ErrReplyUnassigned => "投書 {0} にはまだ担当課がありません。meyasu assign {0} 課 で指定してから回答します。", "Slip {0} has no section yet: assign one (meyasu assign {0} SECTION) before replying.";
    ErrNotInSection => "受付番号 {} は {} の担当ではありません。", "Slip {} is not assigned to {}.";
}

/// `s` in parentheses as `lang` writes them: `（s）` in Japanese, ` (s)` in English.
pub fn paren(lang: Lang, s: impl Display) -> String {
    match lang {
        Lang::Ja => format!("（{s}）"),
        Lang::En => format!(" ({s})"),
    }
}

/// `s` in square brackets as `lang` writes them: `［s］` or `[s]`.
pub fn bracket(lang: Lang, s: impl Display) -> String {
    match lang {
        Lang::Ja => format!("［{s}］"),
        Lang::En => format!("[{s}]"),
    }
}

/// The text of `msg` in the process-wide language.
pub fn tr(msg: Msg) -> &'static str {
    msg.text(lang())
}

/// Fill the placeholders of `msg` (in `lang`) with `args`: `{}` takes the next argument
/// in order, `{0}`, `{1}`… a given one, so a translation can put them in its own order
/// or use one twice.
pub fn fill(msg: Msg, lang: Lang, args: &[&dyn Display]) -> String {
    let template = msg.text(lang);
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(pos) = rest.find('{') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if after[digits.len()..].starts_with('}') {
            let i = if digits.is_empty() {
                next += 1;
                next - 1
            } else {
                digits.parse().unwrap_or(usize::MAX)
            };
            match args.get(i) {
                Some(a) => out.push_str(&a.to_string()),
                None => out.push_str(&rest[pos..pos + digits.len() + 2]),
            }
            rest = &after[digits.len() + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a template: `{}` numbered in order, `{N}` as written.
#[cfg(test)]
fn placeholders(template: &str) -> std::collections::BTreeSet<usize> {
    let mut out = std::collections::BTreeSet::new();
    let mut next = 0;
    let mut rest = template;
    while let Some(pos) = rest.find('{') {
        let after = &rest[pos + 1..];
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if after[digits.len()..].starts_with('}') {
            out.insert(if digits.is_empty() {
                next += 1;
                next - 1
            } else {
                digits.parse().unwrap_or(usize::MAX)
            });
        }
        rest = after;
    }
    out
}

/// [`fill`] in the process-wide language.
pub fn trf(msg: Msg, args: &[&dyn Display]) -> String {
    fill(msg, lang(), args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_with_the_same_placeholders() {
        for m in Msg::ALL {
            let ja = m.text(Lang::Ja);
            let en = m.text(Lang::En);
            assert!(!ja.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(
                placeholders(ja),
                placeholders(en),
                "{m:?} has different placeholders"
            );
        }
    }

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(
            fill(Msg::AssignedTo, Lang::Ja, &[&12, &"区民課", &"2024-02-24"]),
            "12 を 区民課 に回答依頼しました（期限 2024-02-24）。"
        );
        assert_eq!(fill(Msg::Added, Lang::En, &[&3]), "Added slip 3.");
    }

    #[test]
    fn numbered_placeholders_can_repeat_and_reorder() {
        let from = crate::domain::Status::New;
        let to = crate::domain::Status::Published;
        assert_eq!(
            fill(
                Msg::ErrTransition,
                Lang::Ja,
                &[&from.label(Lang::Ja), &to.label(Lang::Ja), &"回答依頼中"]
            ),
            "受付 から 公表済 には変更できません。受付 から変更できる状況: 回答依頼中"
        );
        assert_eq!(placeholders("{1} and {0}, {}"), [0, 1].into());
    }

    #[test]
    fn parse_lang() {
        assert_eq!(Lang::parse("JA"), Some(Lang::Ja));
        assert_eq!(Lang::parse("en"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
