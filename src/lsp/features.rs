//! Hover, completion, go to definition and document symbols, answered from
//! the checked rubric: names are looked up the way the checker resolved them.

use lsp_types::{
    CompletionItem, CompletionItemKind, DocumentSymbol, Hover, HoverContents, MarkupContent,
    MarkupKind, SymbolKind,
};

use super::analysis::Analysis;
use crate::check::{Checked, IndId, Ty};
use crate::diag::editor_text::{colon, list_sep, EditorWord as W};
use crate::diag::Lang;
use crate::syntax::ast::{Direction, IndicatorKind};
use crate::syntax::Span;

/// What a name stands for in a checked rubric. A name may be both an input
/// and an indicator (`预算完成率`), so both are kept.
struct Meaning {
    indicator: Option<IndId>,
    /// A fact (input) or derived slot.
    slot: Option<u32>,
}

fn meaning(c: &Checked, name: &str) -> Meaning {
    Meaning {
        indicator: c.indicator_named(name),
        slot: c.slot_named(name),
    }
}

/// A type as the rule file writes it (`百分比`, `万元`, `是否`, `{好, 中, 差}`).
fn ty_text(c: &Checked, ty: &Ty) -> String {
    match ty {
        Ty::Num(u) => u.to_string(),
        Ty::Bool => "是否".into(),
        Ty::Text => "文本".into(),
        Ty::Enum(e) => format!("{{{}}}", c.enums[*e as usize].variants.join(", ")),
        Ty::Error => "?".into(),
    }
}

/// The whole lines a span touches, as written.
fn source(a: &Analysis, span: Span, max_lines: usize) -> String {
    let t = &a.text;
    let start = (span.start as usize).min(t.len());
    let end = (span.end as usize).clamp(start, t.len());
    let start = t[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = t[end..].find('\n').map_or(t.len(), |i| end + i);
    let text = &t[start..end];
    let mut lines: Vec<&str> = text.lines().take(max_lines + 1).collect();
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        lines.push("…");
    }
    lines.join("\n")
}

fn path(c: &Checked, id: IndId) -> String {
    let mut names = vec![c.ind(id).name.clone()];
    let mut at = c.ind(id).parent;
    while let Some(p) = at {
        names.push(c.ind(p).name.clone());
        at = c.ind(p).parent;
    }
    names.reverse();
    names.join(" › ")
}

pub fn hover(a: &Analysis, c: &Checked, byte: usize, lang: Lang) -> Option<Hover> {
    let (name, start, end) = a.name_at(byte)?;
    let m = meaning(c, &name);
    let mut parts = Vec::new();
    if let Some(slot) = m.slot {
        parts.push(slot_card(a, c, slot, lang));
    }
    if let Some(id) = m.indicator {
        parts.push(indicator_card(a, c, id, lang));
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(a.index.range(&a.text, start, end)),
    })
}

fn indicator_card(a: &Analysis, c: &Checked, id: IndId, lang: Lang) -> String {
    let ind = c.ind(id);
    let kind = match ind.kind {
        IndicatorKind::Normal => W::Indicator.text(lang),
        IndicatorKind::Bonus => W::Bonus.text(lang),
        IndicatorKind::Penalty => W::Penalty.text(lang),
    };
    let mut s = format!(
        "**{kind} {}**{}{}{}{}",
        ind.name,
        list_sep(lang),
        W::Weight.text(lang),
        colon(lang),
        ind.weight.normalize()
    );
    s.push_str(&format!(
        "\n\n{}{}{}",
        W::Path.text(lang),
        colon(lang),
        path(c, id)
    ));
    if !ind.children.is_empty() {
        s.push_str(&format!(
            "\n\n{}{}{}",
            W::Children.text(lang),
            colon(lang),
            ind.children
                .iter()
                .map(|k| format!("{} {}", c.ind(*k).name, c.ind(*k).weight.normalize()))
                .collect::<Vec<_>>()
                .join(list_sep(lang))
        ));
    }
    s.push_str(&format!("\n\n```jixiao\n{}\n```", source(a, ind.span, 15)));
    s
}

fn slot_card(a: &Analysis, c: &Checked, slot: u32, lang: Lang) -> String {
    let s = slot as usize;
    let ty = ty_text(c, c.slot_ty(slot));
    if let Some(f) = c.facts.get(s) {
        let mut props = vec![format!("{}{}{ty}", W::Type.text(lang), colon(lang))];
        match f.direction {
            Some(Direction::Higher) => props.push(W::HigherBetter.text(lang).into()),
            Some(Direction::Lower) => props.push(W::LowerBetter.text(lang).into()),
            None => {}
        }
        if f.positive {
            props.push(W::Positive.text(lang).into());
        }
        if f.nonzero {
            props.push(W::NonZero.text(lang).into());
        }
        if let Some(v) = f.default {
            props.push(format!(
                "{}{}{}",
                W::Default.text(lang),
                colon(lang),
                crate::check::show::value(c, &f.ty, v)
            ));
        }
        format!(
            "**{} {}**\n\n{}\n\n```jixiao\n{}\n```",
            W::Input.text(lang),
            f.name,
            props.join(list_sep(lang)),
            source(a, f.span, 3)
        )
    } else {
        let d = &c.derived[s - c.facts.len()];
        format!(
            "**{} {}**{}{}{}{ty}\n\n```jixiao\n{}\n```",
            W::Definition.text(lang),
            d.name,
            list_sep(lang),
            W::Type.text(lang),
            colon(lang),
            source(a, d.span, 5)
        )
    }
}

/// Where the name under the cursor is declared. In an expression a name is
/// an input or a definition; an indicator's name leads to its head.
pub fn definition(a: &Analysis, c: &Checked, byte: usize) -> Option<Span> {
    let (name, _, _) = a.name_at(byte)?;
    let m = meaning(c, &name);
    let slot_span = m.slot.map(|s| {
        let s = s as usize;
        c.facts
            .get(s)
            .map(|f| f.span)
            .unwrap_or_else(|| c.derived[s - c.facts.len()].span)
    });
    slot_span.or_else(|| m.indicator.map(|i| c.ind(i).head_span))
}

/// Keywords in Chinese and English, as the grammar accepts them.
const KEYWORDS: &[&str] = &[
    "评分表",
    "年度",
    "满分",
    "保留",
    "位小数",
    "四舍五入",
    "截断",
    "进一",
    "四舍六入",
    "等级",
    "输入",
    "定义",
    "指标",
    "约束",
    "允许",
    "默认",
    "正向",
    "反向",
    "正数",
    "非零",
    "如果",
    "则",
    "否则",
    "在",
    "和",
    "之间",
    "（含）",
    "从",
    "分扣",
    "超出",
    "低于",
    "的部分",
    "每",
    "扣",
    "分",
    "按整步",
    "按比例",
    "不足一步按一步",
    "扣完为止",
    "清单",
    "每项",
    "对照",
    "定性",
    "加分",
    "减分",
    "最多",
    "一票否决",
    "不适用",
    "说明",
    "满分",
    "剔除",
    "转给",
    "评分档",
    "择一",
    "按",
    "且",
    "或",
    "非",
    "是",
    "否",
    "百分比",
    "是否",
    "数",
    "文本",
    "rubric",
    "year",
    "full",
    "keep",
    "places",
    "grades",
    "input",
    "define",
    "indicator",
    "constraint",
    "allow",
    "note",
    "default",
    "if",
    "then",
    "else",
    "between",
    "from",
    "deduct",
    "per",
    "checklist",
    "match",
    "qualitative",
    "bonus",
    "penalty",
    "veto",
    "na",
    "exclude",
    "transfer",
    "bands",
    "one_of",
    "by",
    "and",
    "or",
    "not",
    "percent",
    "bool",
    "number",
    "text",
];

const UNITS: &[&str] = &[
    "万元",
    "元",
    "亿元",
    "%",
    "个百分点",
    "百分点",
    "人",
    "人次",
    "家",
    "次",
    "件",
    "天",
    "日",
    "月",
    "年",
    "个",
];

pub fn completion(c: &Checked, lang: Lang) -> Vec<CompletionItem> {
    let item = |label: &str, kind, detail: String| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail),
        ..Default::default()
    };
    let mut items = Vec::new();
    for f in &c.facts {
        let detail = format!("{} · {}", W::Input.text(lang), ty_text(c, &f.ty));
        items.push(item(&f.name, CompletionItemKind::VARIABLE, detail));
    }
    for d in &c.derived {
        let detail = format!("{} · {}", W::Definition.text(lang), ty_text(c, &d.ty));
        items.push(item(&d.name, CompletionItemKind::FIELD, detail));
    }
    for ind in &c.indicators {
        let detail = format!(
            "{} · {} {}",
            W::Indicator.text(lang),
            W::Weight.text(lang),
            ind.weight.normalize()
        );
        items.push(item(&ind.name, CompletionItemKind::MODULE, detail));
    }
    for e in &c.enums {
        for v in &e.variants {
            items.push(item(
                v,
                CompletionItemKind::ENUM_MEMBER,
                W::Value.text(lang).into(),
            ));
        }
    }
    // `定性 … 按 三档`, `定性 按 三档` in a table: the declared 评分档.
    for b in &c.band_sets {
        items.push(item(
            b,
            CompletionItemKind::CONSTANT,
            W::BandSet.text(lang).into(),
        ));
    }
    items.extend(keywords(lang));
    items
}

pub fn keywords(lang: Lang) -> Vec<CompletionItem> {
    let mut items: Vec<CompletionItem> = KEYWORDS
        .iter()
        .map(|k| CompletionItem {
            label: k.to_string(),
            kind: Some(CompletionItemKind::KEYWORD),
            detail: Some(W::Keyword.text(lang).into()),
            ..Default::default()
        })
        .collect();
    items.extend(UNITS.iter().map(|u| CompletionItem {
        label: u.to_string(),
        kind: Some(CompletionItemKind::UNIT),
        detail: Some(W::Unit.text(lang).into()),
        ..Default::default()
    }));
    items
}

/// The indicator tree, then the inputs and definitions.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written
pub fn symbols(a: &Analysis, c: &Checked, lang: Lang) -> Vec<DocumentSymbol> {
    fn ind(a: &Analysis, c: &Checked, id: IndId, lang: Lang) -> DocumentSymbol {
        let i = c.ind(id);
        DocumentSymbol {
            name: i.name.clone(),
            detail: Some(format!("{} {}", W::Weight.text(lang), i.weight.normalize())),
            kind: if i.is_leaf() {
                SymbolKind::FIELD
            } else {
                SymbolKind::NAMESPACE
            },
            tags: None,
            deprecated: None,
            range: a.range(i.span),
            selection_range: a.range(i.head_span),
            children: Some(i.children.iter().map(|k| ind(a, c, *k, lang)).collect()),
        }
    }
    let mut out: Vec<DocumentSymbol> = c.roots.iter().map(|r| ind(a, c, *r, lang)).collect();
    let leaf = |name: &str, detail: String, kind, span: Span| DocumentSymbol {
        name: name.to_string(),
        detail: Some(detail),
        kind,
        tags: None,
        deprecated: None,
        range: a.range(span),
        selection_range: a.range(span),
        children: None,
    };
    for f in &c.facts {
        out.push(leaf(
            &f.name,
            ty_text(c, &f.ty),
            SymbolKind::VARIABLE,
            f.span,
        ));
    }
    for d in &c.derived {
        out.push(leaf(
            &d.name,
            ty_text(c, &d.ty),
            SymbolKind::CONSTANT,
            d.span,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `定性 … 按 三档` and a table's `定性 按 三档` complete the set's name.
    #[test]
    fn completion_offers_declared_band_sets() {
        let text = "评分表 \"t\" 满分 10\n等级 优 >= 9，差\n\
            评分档 三档：好 80%（含）至 100%（含），差 0%（含）至 80%\n\
            指标表 产出 10 {\n  定性 按 三档\n}\n";
        let mut map = crate::diag::SourceMap::new();
        let id = map.add("t.jx", text.to_string());
        let c = crate::compile(&map, id).map_err(|d| d.0).unwrap().checked;
        let items = completion(&c, Lang::Zh);
        let band = items
            .iter()
            .find(|i| i.label == "三档")
            .expect("三档 offered");
        assert_eq!(band.detail.as_deref(), Some("评分档"));
    }
}
