//! One open document, compiled exactly as `jixiao check` compiles a file,
//! with what the editor features need: the diagnostics, the checked rubric
//! (when it compiles) and a line index for UTF-16 positions.

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url};

use super::position::LineIndex;
use crate::check::Checked;
use crate::diag::{notes_and_help, Diagnostic, Lang, SourceMap};
use crate::syntax::{FileId, Span};

pub struct Analysis {
    pub text: String,
    pub index: LineIndex,
    pub file: FileId,
    pub diagnostics: Vec<Diagnostic>,
    pub checked: Option<Checked>,
}

impl Analysis {
    pub fn new(name: &str, text: String) -> Self {
        let mut map = SourceMap::new();
        let file = map.add(name, text.clone());
        let (diagnostics, checked) = match crate::compile(&map, file) {
            Ok(out) => (out.warnings.0, Some(out.checked)),
            Err(d) => (d.0, None),
        };
        Analysis {
            index: LineIndex::new(&text),
            text,
            file,
            diagnostics,
            checked,
        }
    }

    pub fn range(&self, span: Span) -> lsp_types::Range {
        self.index
            .range(&self.text, span.start as usize, span.end as usize)
    }

    /// The same codes and wording as `jixiao check`, placed in UTF-16 ranges.
    pub fn lsp_diagnostics(&self, uri: &Url, lang: Lang) -> Vec<lsp_types::Diagnostic> {
        self.diagnostics
            .iter()
            .map(|d| {
                let range = d
                    .span
                    .filter(|s| s.file == self.file)
                    .map(|s| self.range(s))
                    .unwrap_or_default();
                let mut message = d.msg.text(lang);
                for line in notes_and_help(d, lang) {
                    message.push('\n');
                    message.push_str(&line);
                }
                let related: Vec<_> = d
                    .labels
                    .iter()
                    .filter(|(s, _)| s.file == self.file)
                    .map(|(s, note)| DiagnosticRelatedInformation {
                        location: Location::new(uri.clone(), self.range(*s)),
                        message: note.text(lang),
                    })
                    .collect();
                lsp_types::Diagnostic {
                    range,
                    severity: Some(if d.is_error() {
                        DiagnosticSeverity::ERROR
                    } else {
                        DiagnosticSeverity::WARNING
                    }),
                    code: Some(NumberOrString::String(d.code().to_string())),
                    source: Some("jixiao".into()),
                    message,
                    related_information: (!related.is_empty()).then_some(related),
                    ..Default::default()
                }
            })
            .collect()
    }

    /// The name under the cursor: a run of letters, digits and `_`, or a
    /// quoted official name (`"“三公”经费控制率"`).
    pub fn name_at(&self, byte: usize) -> Option<(String, usize, usize)> {
        let text = &self.text;
        let line_start = text[..byte.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line_end = text[byte.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| byte + i);
        let line = &text[line_start..line_end];
        let at = byte - line_start;
        // Inside "…" on this line?
        let mut open = None;
        for (i, c) in line.char_indices() {
            if c == '"' {
                match open {
                    None => open = Some(i),
                    Some(o) if o <= at && at <= i => {
                        return Some((
                            line[o + 1..i].to_string(),
                            line_start + o,
                            line_start + i + 1,
                        ));
                    }
                    Some(_) => open = None,
                }
            }
        }
        let is_name = |c: char| c.is_alphanumeric() || c == '_';
        let start = line[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_name(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = line[at..]
            .char_indices()
            .find(|(_, c)| !is_name(*c))
            .map_or(line.len(), |(i, _)| at + i);
        (start < end).then(|| {
            (
                line[start..end].to_string(),
                line_start + start,
                line_start + end,
            )
        })
    }
}
