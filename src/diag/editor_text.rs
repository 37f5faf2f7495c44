//! Words the language server shows in the editor (hover cards, completion
//! details, the score lens), in Chinese and English side by side.

use super::Lang;

/// A fixed word or phrase of the editor integration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorWord {
    Indicator,
    Input,
    Definition,
    Weight,
    Path,
    Type,
    Default,
    Children,
    Keyword,
    Unit,
    Value,
    HigherBetter,
    LowerBetter,
    Positive,
    NonZero,
    Bonus,
    Penalty,
    BandSet,
}

impl EditorWord {
    pub fn text(self, lang: Lang) -> &'static str {
        use EditorWord::*;
        let (zh, en) = match self {
            Indicator => ("指标", "indicator"),
            Input => ("输入", "input"),
            Definition => ("定义", "definition"),
            Weight => ("分值", "weight"),
            Path => ("位置", "in"),
            Type => ("类型", "type"),
            Default => ("默认", "default"),
            Children => ("下级指标", "sub-indicators"),
            Keyword => ("关键字", "keyword"),
            Unit => ("单位", "unit"),
            Value => ("取值", "value"),
            HigherBetter => ("正向（越高越好）", "higher is better"),
            LowerBetter => ("反向（越低越好）", "lower is better"),
            Positive => ("正数", "positive"),
            NonZero => ("非零", "non-zero"),
            Bonus => ("加分项", "bonus"),
            Penalty => ("减分项", "penalty"),
            BandSet => ("评分档", "band set"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// The lens above a rule file that has a facts file beside it.
pub fn score_lens(lang: Lang, facts: &str, total: &str, grade: &str) -> String {
    match lang {
        Lang::Zh => format!("试算（{facts}）：总分 {total}，等级 {grade}"),
        Lang::En => format!("score with {facts}: total {total}, grade {grade}"),
    }
}

pub fn score_lens_failed(lang: Lang, facts: &str, code: &str, message: &str) -> String {
    match lang {
        Lang::Zh => format!("试算失败（{facts}）：{code} {message}"),
        Lang::En => format!("scoring with {facts} failed: {code} {message}"),
    }
}

pub fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    }
}

pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}
