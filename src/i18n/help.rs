//! The Japanese of `meyasu --help`: one text for every command and argument, keyed by
//! the command's path and the argument's id. The English is the derive's own (the doc
//! comments in `src/cli`); `src/cli/help.rs` puts these in its place when the UI
//! language is Japanese, and its tests fail when a command or argument has none here.
//!
//! Keys: `""` is `meyasu` itself, `list` a command, `sections.add` a command of a
//! command, `list.search` an argument (its id, the field's name: `only` for `--for`),
//! `db` an argument of `meyasu` itself (the global ones shown in every command). A text
//! with a blank line is a short help (its first paragraph) and a long one (the whole, for
//! `--help`). Defaults, possible values and the environment variable are said in the
//! text: clap's own `[default: …]` is English and is not shown in Japanese. Keys that
//! start with `@` are clap's own lines and headings.

/// The `-h, --help` line.
pub const HELP: &str = "@help";
/// The `-h, --help` line of a command with a long help (`-h` shows the short one).
pub const HELP_SHORT: &str = "@help_short";
/// The `--help` line of a command with a long help, in the long help.
pub const HELP_LONG: &str = "@help_long";
/// The `-V, --version` line.
pub const VERSION: &str = "@version";
/// The about of clap's `help` command.
pub const HELP_COMMAND: &str = "@help_command";
/// The argument of clap's `help` command.
pub const HELP_ARG: &str = "@help_arg";
/// The heading of the usage line (`Usage`).
pub const USAGE: &str = "@usage";
/// The heading of the commands (`Commands`).
pub const COMMANDS: &str = "@commands";
/// The heading of the positional arguments (`Arguments`).
pub const ARGUMENTS: &str = "@arguments";
/// The heading of the options (`Options`).
pub const OPTIONS: &str = "@options";

/// Commands whose arguments are another's: an argument missing under the first is
/// looked up under the second (`export` takes `list`'s filters, `remind` is `request`'s
/// twin, `publish` takes `report`'s period and output).
pub const SAME_AS: &[(&str, &str)] = &[
    ("export", "list"),
    ("remind", "request"),
    ("publish", "report"),
];

/// The Japanese text for `key`, looking through [`SAME_AS`] for an argument.
pub fn ja(key: &str) -> Option<&'static str> {
    own(key).or_else(|| {
        let (cmd, arg) = key.split_once('.')?;
        let (_, other) = SAME_AS.iter().find(|(c, _)| *c == cmd)?;
        own(&format!("{other}.{arg}"))
    })
}

/// The text written for `key` itself.
fn own(key: &str) -> Option<&'static str> {
    JA.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// Every Japanese help text, by key.
pub const JA: &[(&str, &str)] = &[
    // clap's own lines and headings
    ("@help", "ヘルプを表示します"),
    ("@help_short", "ヘルプを表示します（詳しくは --help）"),
    ("@help_long", "ヘルプを表示します（要約は -h）"),
    ("@version", "バージョンを表示します"),
    (
        "@help_command",
        "このヘルプ、または指定したコマンドのヘルプを表示します",
    ),
    ("@help_arg", "ヘルプを表示するコマンド"),
    ("@usage", "使い方"),
    ("@commands", "コマンド"),
    ("@arguments", "引数"),
    ("@options", "オプション"),
    // meyasu
    (
        "",
        "区役所の目安箱（投書箱）の端末ツール：投書の受付・振り分け・進行管理・集計。コマンドなしで画面（TUI）が開きます",
    ),
    (
        "db",
        "データベースファイル［既定：$MEYASU_DB、なければ /etc/meyasu/config.toml の db、なければ ~/.local/share/meyasu/meyasu.db］",
    ),
    (
        "lang",
        "表示の言語：ja または en［既定：/etc/meyasu/config.toml の lang、なければ LANG から］",
    ),
    (
        "section",
        "担当課モード：その課の投書だけを扱う（課コード。環境変数 MEYASU_SECTION でも可）\n\n画面ではその課の回答だけを入力でき、コマンドは list・show・reply だけが使えます。",
    ),
    (
        "mouse",
        "画面（TUI）でマウスを使う（既定は使わない：端末のコピーが使えるように）",
    ),
    // add
    (
        "add",
        "投書を入力します。本文は --text、続く引数、または標準入力から",
    ),
    (
        "add.date",
        "回収日：2024-02-10、2/10、令和6年2月10日［既定：今日］",
    ),
    ("add.floor", "投書箱のある階：1F、1階、1"),
    (
        "add.kind",
        "種別：意見 要望 苦情 お礼 問合せ その他（opinion、request なども可）",
    ),
    ("add.summary", "公表に使う要旨（省略可）"),
    (
        "add.text",
        "書かれたとおりの本文（省略時は続く引数、それもなければ標準入力）",
    ),
    (
        "add.allow_future",
        "今日より後の日付を受け付ける（打ち間違いとみて通常は受け付けない）",
    ),
    ("add.words", "本文（引数として続けて書く）"),
    // list
    ("list", "投書の一覧を表示します（新しい順、絞り込み可）"),
    (
        "list.status",
        "この状況だけ（繰り返すかカンマ区切り）：new、assigned など、またはタブの名前\n\n状況：new、assigned、answered、published、no_reply。タブの名前：未処理、依頼中、期限超過、回答済、完了、承認待ち、差し戻し",
    ),
    ("list.section", "この課の投書だけ"),
    ("list.floor", "この階の投書だけ"),
    ("list.kind", "この種別の投書だけ"),
    ("list.review", "回答が承認待ちの投書だけ"),
    (
        "list.returned",
        "回答が差し戻された投書だけ（担当課モードでは自課の分）",
    ),
    (
        "list.outcome",
        "回答の対応区分がこれの投書だけ（コードか名前。区分なしで記録した回答は none か 未設定）",
    ),
    ("list.month", "この月だけ：2024-02 または 令和6年2月"),
    (
        "list.fiscal_year",
        "この年度（4月〜翌3月）だけ：2023 または 令和5年度",
    ),
    ("list.from", "この日以降に受け付けた投書"),
    ("list.to", "この日以前に受け付けた投書"),
    ("list.overdue", "期限を過ぎた未完了の投書だけ"),
    (
        "list.search",
        "本文・要旨・回答を検索する語（- で始まる語も可：--search -駐輪）",
    ),
    (
        "list.voided",
        "ほかの投書の代わりに、取消した投書を表示する",
    ),
    ("list.oldest_first", "古い順に並べる（既定は新しい順）"),
    ("list.limit", "表示する最大件数［既定：すべて］"),
    ("list.json", "表の代わりに JSON で出力する"),
    // show, similar, suggest
    ("show", "投書を1件、回答と履歴とともに表示します"),
    ("show.id", "投書の受付番号"),
    ("show.json", "テキストの代わりに JSON で出力する"),
    (
        "similar",
        "本文が似た投書を似ている順に表示します（全文索引による）",
    ),
    ("similar.id", "投書の受付番号"),
    ("similar.limit", "表示する件数［既定：5］"),
    ("similar.json", "テキストの代わりに JSON で出力する"),
    (
        "suggest",
        "投書の依頼先の候補課を理由とともに示します（事務分掌と似た投書から）",
    ),
    ("suggest.id", "投書の受付番号"),
    (
        "suggest.json",
        "テキストの代わりに JSON で出力する（点数と理由）",
    ),
    ("suggest.explain", "効いた語とその重みをすべて表示する"),
    // assign, unassign, reply, status, void
    (
        "assign",
        "1つ以上の課に期限を付けて回答を依頼します（状況は依頼中になります）。\n\n依頼済みの課はその回答とともに残ります。--replace を付けると依頼先を指定した課だけにします。回答済みの課を外すには --even-if-replied が必要で、その回答は記録に残ります。",
    ),
    ("assign.id", "投書の受付番号"),
    (
        "assign.sections",
        "課のコードまたは名前（例：kumin 保険年金課）",
    ),
    (
        "assign.due",
        "回答期限［既定：投書の期限がまだ先ならその日、過ぎていれば今日＋回答期間］",
    ),
    (
        "assign.replace",
        "依頼先をこの課だけにする（ほかの課は外す）",
    ),
    (
        "assign.even_if_replied",
        "回答済みの課も外す（回答は記録に残る）",
    ),
    (
        "unassign",
        "課（複数可）への回答依頼を取りやめます。\n\n回答済みの課は --even-if-replied を付けたときだけ外れ、その回答は依頼先でなくなった課の回答として記録に残ります。残った課がすべて回答済みなら、投書は回答済になります。",
    ),
    ("unassign.id", "投書の受付番号"),
    ("unassign.sections", "課のコードまたは名前"),
    ("unassign.even_if_replied", "回答済みの課も外す"),
    ("reply", "課の回答を記録します（担当課が対応済みにする）"),
    ("reply.id", "投書の受付番号"),
    (
        "reply.section",
        "回答する課（コードか名前）［既定：担当課モードならその課、なければ投書のただ1つの依頼先］",
    ),
    ("reply.text", "回答の本文（省略時は標準入力から）"),
    ("reply.date", "回答日［既定：今日］"),
    (
        "reply.outcome",
        "対応区分（コードか名前。例：improved、改善した。なしは none）。省略時は記録済みのまま",
    ),
    (
        "status",
        "投書の状況を変更します：new、assigned、answered、published、no_reply",
    ),
    ("status.id", "投書の受付番号"),
    (
        "status.state",
        "新しい状況（コードか表示名。例：published、公表済）",
    ),
    ("status.reason", "理由（完了した投書を戻すときは必須）"),
    (
        "void",
        "誤って入力した投書を取り消します（取消。--undo で戻せます）\n\n取り消した投書は list --voided 以外の一覧と集計から外れ、履歴は残ります。",
    ),
    ("void.id", "投書の受付番号"),
    ("void.reason", "理由（取り消すときは必須）"),
    ("void.undo", "取り消した投書を元どおりに戻す"),
    // completions, man
    (
        "completions",
        "シェルの補完スクリプトを出力します：`meyasu completions bash > ~/.local/share/bash-completion/completions/meyasu`",
    ),
    (
        "completions.shell",
        "bash、zsh、fish、powershell、elvish のいずれか",
    ),
    (
        "man",
        "マニュアルページ（roff）を出力します：`meyasu man > ~/.local/share/man/man1/meyasu.1`",
    ),
    // duplicate, approve, return
    (
        "duplicate",
        "投書を別の投書の重複とします（回答不要として完了）",
    ),
    ("duplicate.id", "重複している投書の受付番号"),
    ("duplicate.of", "元の投書の受付番号"),
    (
        "approve",
        "承認待ちの課の回答を承認します（すべての課の回答がそろえば回答済）",
    ),
    ("approve.id", "投書の受付番号"),
    ("approve.section", "回答した課（コードか名前）"),
    (
        "return",
        "承認待ちの課の回答を、担当課に見える理由を付けて差し戻します",
    ),
    ("return.id", "投書の受付番号"),
    ("return.section", "回答した課（コードか名前）"),
    ("return.reason", "理由（必須）"),
    // request, remind, collect
    (
        "request",
        "各課に、新しく依頼してまだ伝えていない投書を伝えます（依頼）。\n\nテキスト、印刷用ページ（--html）、またはメール（--mail。--dry-run DIR で .eml ファイルに書き出す）で伝えます。メールした（または --record で手渡しした）ものは記録され、同じ投書を二度依頼することはありません。",
    ),
    ("request.only", "この課だけ（コードか名前）"),
    (
        "request.mail",
        "各課に一覧をメールする（アドレスのない課は一覧に示すだけ）",
    ),
    (
        "request.dry_run",
        "--mail と併用：送信も記録もせず、このフォルダに .eml ファイルとして書き出す",
    ),
    (
        "request.record",
        "メールせずに、一覧を（紙で）手渡したものとして記録する",
    ),
    (
        "request.html",
        "テキストの代わりに印刷用ページ（HTML、1課1ページ）",
    ),
    (
        "request.force",
        "--dry-run と併用：フォルダにある .eml ファイルを置き換える",
    ),
    (
        "request.again",
        "remind：直近 remind_days 開庁日のうちに督促した投書も含める",
    ),
    (
        "request.sheets",
        "各課の回答票（回答票_課_日付.xlsx）をこのフォルダに書き出す。--mail と併用すると各メールに自課の回答票を添付",
    ),
    (
        "remind",
        "各課の期限超過の投書と差し戻された回答を知らせます（督促）。方法は request と同じ",
    ),
    (
        "collect",
        "記入済みの回答票を読み、投書ごとに記録される内容を示します（--apply で記録）。\n\n読めるのは回答票（.xlsx）、それを添付した .eml、またはそれらの入ったフォルダです。",
    ),
    ("collect.paths", "ファイルまたはフォルダ"),
    (
        "collect.apply",
        "新しい回答と変わった回答を記録する（課の回答として。回答を承認する設定なら承認待ちに）",
    ),
    // templates
    ("templates", "課ごとの回答の定型文：一覧・追加・編集・削除"),
    ("templates.only", "この課の分だけ（コードか名前）"),
    ("templates.list", "定型文の一覧（番号付き）"),
    ("templates.add", "課の定型文を追加します"),
    ("templates.add.section", "課のコードまたは名前"),
    ("templates.add.text", "本文（省略時は標準入力から）"),
    ("templates.add.title", "短い題名（既定：本文の書き出し）"),
    ("templates.edit", "定型文の題名か本文を変更します"),
    ("templates.edit.id", "定型文の番号"),
    ("templates.edit.text", "新しい本文"),
    ("templates.edit.title", "新しい題名"),
    ("templates.remove", "定型文を削除します"),
    ("templates.remove.id", "定型文の番号"),
    // settings, sections
    (
        "settings",
        "事務の設定を表示します。1つ変えるには：`meyasu settings set review_replies false`",
    ),
    ("settings.args", "`set 項目 値`、または省略で一覧"),
    ("sections", "課の一覧の表示と変更"),
    ("sections.list", "課の一覧（廃止した課も含む）"),
    ("sections.add", "課を追加します"),
    ("sections.add.code", "短いコード（英小文字・数字・_ -）"),
    ("sections.add.name", "日本語の名前（例：市民活動推進課）"),
    ("sections.add.name_en", "英語の名前"),
    ("sections.add.department", "部"),
    (
        "sections.rename",
        "課の名前を変更します（投書の依頼先はそのまま）",
    ),
    ("sections.rename.code", "課のコードまたは名前"),
    ("sections.rename.name", "新しい日本語の名前"),
    ("sections.rename.name_en", "新しい英語の名前"),
    (
        "sections.deactivate",
        "課への新しい依頼を止めます（投書と回答は残ります）",
    ),
    ("sections.deactivate.code", "課のコードまたは名前"),
    ("sections.activate", "止めた課を再び依頼できるようにします"),
    ("sections.activate.code", "課のコードまたは名前"),
    (
        "sections.email",
        "課への依頼・督促メールの送り先を設定します（none で消去）",
    ),
    ("sections.email.code", "課のコードまたは名前"),
    ("sections.email.address", "メールアドレス、または none"),
    (
        "sections.history",
        "課の一覧に加えた変更のすべて：いつ、誰が、何を",
    ),
    ("sections.show", "課1つの詳細：名前、部、アドレス、事務分掌"),
    ("sections.show.code", "課のコードまたは名前"),
    (
        "sections.duties",
        "課の事務分掌の語を追加・削除します（振り分けの候補はこれで示されます）",
    ),
    ("sections.duties.code", "課のコードまたは名前"),
    ("sections.duties.change", "add（追加）または remove（削除）"),
    (
        "sections.duties.words",
        "来庁者が書くような語や短い句（住民票 引っ越し …）",
    ),
    // import, export, publish, mask, publication
    (
        "import",
        "CSV（UTF-8 か Shift_JIS）または xlsx から投書を取り込みます（全行か、取り込まないか）",
    ),
    ("import.file", "取り込むファイル"),
    (
        "import.dry_run",
        "書き込まずにファイルを確かめ、何が取り込まれるかを示す",
    ),
    (
        "import.allow_future",
        "今日より後の受付日を受け付ける（打ち間違いとみて通常は受け付けない）",
    ),
    (
        "export",
        "投書を CSV、xlsx、JSON で書き出します（絞り込みは list と同じ）",
    ),
    (
        "export.format",
        "出力形式［既定：-o の拡張子から、なければそのコマンドの通常の形式］",
    ),
    ("export.output", "標準出力の代わりにこのファイルに書き出す"),
    (
        "export.no_bom",
        "BOM なしの CSV（Excel 以外のプログラム向け）",
    ),
    ("export.force", "出力ファイルがあれば置き換える"),
    (
        "publish",
        "公表用の回答一覧（回答済の投書、個人情報は伏せ字）を HTML か CSV で出力します",
    ),
    (
        "publish.mail",
        "一覧をこれらのアドレスに添付ファイルでメールする（設定の中継サーバ経由）。-o がなければ何も出力しない",
    ),
    (
        "mask",
        "投書の文言を非公開にします（公表一覧で伏せ字）。--remove で解除します",
    ),
    ("mask.id", "投書の受付番号"),
    ("mask.text", "投書に書かれたとおりの文言（例：氏名）"),
    (
        "mask.remove",
        "この文言の指定を解除する（文言を省くとすべて）",
    ),
    (
        "publication",
        "投書を公表一覧から外す（hide）か、公表一覧に戻します（show）",
    ),
    ("publication.id", "投書の受付番号"),
    ("publication.state", "hide（外す）または show（戻す）"),
    // backup, restore
    (
        "backup",
        "使用中のデータベースを FILE に複製します（SQLite のオンラインバックアップ）",
    ),
    ("backup.file", "作成するバックアップファイル"),
    (
        "backup.force",
        "ファイルがあれば置き換える（同じ日の2回目のバックアップ）",
    ),
    (
        "restore",
        "データベースを、確かめたバックアップで置き換えます（今の分は複製を残します）",
    ),
    ("restore.file", "バックアップファイル"),
    ("restore.yes", "確認を求めない"),
    // report
    (
        "report",
        "年度または月の投書の件数を月ごとに集計します：テキスト、CSV、Excel、HTML",
    ),
    (
        "report.fiscal_year",
        "年度（4月〜翌3月）：2023 または 令和5年度［既定：今年度］",
    ),
    (
        "report.month",
        "1か月（その年度の累計とともに）：2024-02 または 令和6年2月",
    ),
    (
        "report.by",
        "行：section、department、floor、kind、status のいずれか［既定：section］",
    ),
    (
        "report.per",
        "列：month、quarter、half、year のいずれか（year は直近5年度）［既定：month］",
    ),
    (
        "report.years",
        "複数の年度を古い順に並べる：2022..2024 または 令和4年度..令和6年度",
    ),
    ("report.compare", "前年同期とその増減を行ごとに加える"),
    ("report.summary", "表の代わりに年報用の文章を出力する"),
    (
        "report.format",
        "出力形式［既定：-o の拡張子から、なければそのコマンドの通常の形式］",
    ),
    ("report.output", "標準出力の代わりにこのファイルに書き出す"),
    (
        "report.no_bom",
        "BOM なしの CSV（Excel 以外のプログラム向け）",
    ),
    ("report.force", "出力ファイルがあれば置き換える"),
    (
        "report.mail",
        "集計をこれらのアドレスに添付ファイルでメールする（設定の中継サーバ経由）。-o がなければ何も出力しない",
    ),
    // gen, screenshots (--features dev, hidden)
    (
        "gen",
        "生成した投書を加えます（性能測定や大量の投書での試用に。--features dev）",
    ),
    ("gen.slips", "投書の件数"),
    ("gen.years", "今日より前の何年度にわたるか［既定：10］"),
    (
        "screenshots",
        "README のスクリーンショット（SVG）をデモデータの実際の画面から作ります（--features dev）",
    ),
    ("screenshots.dir", "書き出すフォルダ［既定：screenshots］"),
    // init, demo
    (
        "init",
        "データベースがなければ作成します（課・階・種別を登録済み）。\n\n投書を読む・変えるだけのコマンドはデータベースを作らないので、--db の打ち間違いはエラーになります。作るのは init、add、import、demo と画面（TUI）です。",
    ),
    ("demo", "デモ用の投書（1年度分の架空の例）を読み込みます"),
    (
        "demo.temp",
        "新しい一時データベースに読み込み、そのパスを表示する",
    ),
    ("demo.force", "投書のあるデータベースにも読み込む"),
];
