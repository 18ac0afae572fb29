//! The columns of an import or export file, and the headers each is known by.

/// The columns meyasu reads, with the headers it knows them by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    /// 番号 (read, not kept: numbers are given anew).
    Id,
    /// 受付日.
    Received,
    /// 階.
    Floor,
    /// 種別.
    Kind,
    /// 内容.
    Body,
    /// 要旨.
    Summary,
    /// 担当課.
    Sections,
    /// 状況.
    Status,
    /// 期限.
    Due,
    /// 回答.
    Reply,
    /// 回答日.
    RepliedOn,
    /// 対応区分 (each reply's outcome).
    Outcome,
    /// 非公表.
    NoPublish,
}

impl Col {
    /// Every column, in export order.
    pub const ALL: [Col; 13] = [
        Col::Id,
        Col::Received,
        Col::Floor,
        Col::Kind,
        Col::Sections,
        Col::Status,
        Col::Due,
        Col::Summary,
        Col::Body,
        Col::Reply,
        Col::RepliedOn,
        Col::Outcome,
        Col::NoPublish,
    ];

    /// The Japanese header written on export.
    pub fn header(self) -> &'static str {
        match self {
            Col::Id => "番号",
            Col::Received => "受付日",
            Col::Floor => "階",
            Col::Kind => "種別",
            Col::Body => "内容",
            Col::Summary => "要旨",
            Col::Sections => "担当課",
            Col::Status => "状況",
            Col::Due => "期限",
            Col::Reply => "回答",
            Col::RepliedOn => "回答日",
            Col::Outcome => "対応区分",
            Col::NoPublish => "非公表",
        }
    }

    /// Which column a header names (Japanese or English, any case, full-width too).
    pub fn from_header(h: &str) -> Option<Col> {
        let h = crate::text::nfkc(h.trim())
            .to_lowercase()
            .replace([' ', '_', '-'], "");
        Some(match h.as_str() {
            "番号" | "受付番号" | "id" | "no" | "no." => Col::Id,
            "受付日" | "日付" | "収集日" | "date" | "received" | "receivedon" => {
                Col::Received
            }
            "階" | "フロア" | "floor" => Col::Floor,
            "種別" | "区分" | "kind" | "type" => Col::Kind,
            "内容" | "本文" | "投書内容" | "text" | "body" => Col::Body,
            "要旨" | "summary" => Col::Summary,
            "担当課" | "課" | "担当" | "section" | "sections" => Col::Sections,
            "状況" | "状態" | "status" => Col::Status,
            "期限" | "回答期限" | "due" | "dueon" => Col::Due,
            "回答" | "回答内容" | "reply" | "answer" => Col::Reply,
            "回答日" | "replied" | "repliedon" | "replydate" => Col::RepliedOn,
            "対応区分" | "対応" | "outcome" | "outcomes" => Col::Outcome,
            "非公表" | "公表しない" | "nopublish" | "private" => Col::NoPublish,
            _ => return None,
        })
    }
}
