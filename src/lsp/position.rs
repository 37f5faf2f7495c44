//! Byte offsets ↔ LSP positions. LSP counts columns in UTF-16 code units,
//! so a CJK character is one unit and a character outside the BMP two;
//! spans in jixiao are byte offsets.

use lsp_types::{Position, Range};

pub struct LineIndex {
    /// Byte offset of the start of every line.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn position(&self, text: &str, byte: usize) -> Position {
        let byte = byte.min(text.len());
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let start = self.starts[line];
        let col: usize = text[start..floor_char(text, byte)]
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(line as u32, col as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Range {
        Range::new(self.position(text, start), self.position(text, end))
    }

    /// The byte offset of a position; columns past the end of a line stop at
    /// its end, as LSP asks.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(pos.line as usize + 1)
            .map(|e| e - 1)
            .unwrap_or(text.len());
        let mut units = 0usize;
        for (i, c) in text[start..end].char_indices() {
            if units >= pos.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }
}

fn floor_char(text: &str, mut byte: usize) -> usize {
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_one_unit_and_astral_two() {
        let text = "指标 预算\n𠀀a 完成率";
        let idx = LineIndex::new(text);
        let b = text.find("预算").unwrap();
        assert_eq!(idx.position(text, b), Position::new(0, 3));
        let a = text.find('a').unwrap();
        assert_eq!(idx.position(text, a), Position::new(1, 2));
        assert_eq!(idx.offset(text, Position::new(1, 2)), a);
        assert_eq!(idx.offset(text, Position::new(0, 3)), b);
        assert_eq!(
            idx.offset(text, Position::new(0, 99)),
            text.find('\n').unwrap()
        );
    }
}
