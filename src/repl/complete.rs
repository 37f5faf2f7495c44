//! Completion candidates for the word before the cursor: commands after a
//! colon, otherwise names of the rubric (inputs, derived values, indicators,
//! grades) and keywords. Names are Chinese, so a "word" is a run of letters
//! (CJK included), digits and `_`.

use super::commands::COMMANDS;

const KEYWORDS: [&str; 27] = [
    "定义",
    "说明",
    "输入",
    "指标",
    "择一",
    "评分档",
    "加分",
    "减分",
    "如果",
    "则",
    "否则",
    "一票否决",
    "不适用",
    "按比例",
    "清单",
    "每项",
    "对照",
    "定性",
    "得分率",
    "从",
    "扣",
    "每",
    "扣完为止",
    "在",
    "之间",
    "以上",
    "以下",
];

/// The byte offset where the completed word starts, and the candidates.
pub fn candidates(line: &str, pos: usize, names: &[String]) -> (usize, Vec<String>) {
    let pos = pos.min(line.len());
    if !line.is_char_boundary(pos) {
        return (pos, Vec::new());
    }
    let before = &line[..pos];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(pos, |(i, _)| i);
    let word = &before[start..];
    let is_command = matches!(before[..start].trim(), ":" | "：");
    let mut out: Vec<String> = if is_command {
        COMMANDS
            .iter()
            .map(|c| c.0.to_string())
            .filter(|c| c.starts_with(word))
            .collect()
    } else {
        if word.is_empty() {
            return (pos, Vec::new());
        }
        names
            .iter()
            .chain(
                KEYWORDS
                    .iter()
                    .map(|k| k.to_string())
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .filter(|n| n.starts_with(word) && n.as_str() != word)
            .cloned()
            .collect()
    };
    out.sort();
    out.dedup();
    (start, out)
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn completes_chinese_names_after_an_operator() {
        let names = vec![
            "预算完成率".to_string(),
            "预算调整率".to_string(),
            "半年支出进度".to_string(),
        ];
        let line = "100% - 预算完";
        let (start, c) = candidates(line, line.len(), &names);
        assert_eq!(&line[start..], "预算完");
        assert_eq!(c, vec!["预算完成率"]);
        let (_, c) = candidates("预算", 6, &names);
        assert_eq!(c, vec!["预算完成率", "预算调整率"]);
    }

    #[test]
    fn completes_commands_and_aliases_after_a_colon() {
        let (start, c) = candidates(":sc", 3, &[]);
        assert_eq!((start, c), (1, vec!["score".to_string()]));
        let (_, c) = candidates("：解", "：解".len(), &[]);
        assert_eq!(c, vec!["解释"]);
    }
}
