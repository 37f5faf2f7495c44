//! Text files as Excel and WPS save them: UTF-8 with or without a
//! byte-order mark, or, from "CSV（逗号分隔）" on Chinese Windows, GBK.
//! GB18030 is read for GBK: it is a superset, so every GBK file decodes
//! the same, and the rare characters only GB18030 has come through too.

use encoding_rs::GB18030;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Whether the bytes were GBK/GB18030 rather than UTF-8.
    pub gbk: bool,
}

/// UTF-8 (a byte-order mark is dropped), else GBK/GB18030 when every byte
/// sequence is valid in it; `None` when it is neither.
pub fn decode(bytes: Vec<u8>) -> Option<Decoded> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Some(Decoded { text, gbk: false })
        }
        Err(e) => {
            let bytes = e.into_bytes();
            let text = GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)?
                .into_owned();
            Some(Decoded { text, gbk: true })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_gbk() {
        let d = decode("\u{feff}单位,x\r\n".as_bytes().to_vec()).unwrap();
        assert_eq!(
            d,
            Decoded {
                text: "单位,x\r\n".into(),
                gbk: false
            }
        );
        // 单位 in GBK.
        let d = decode(vec![0xb5, 0xa5, 0xce, 0xbb, b',', b'x']).unwrap();
        assert_eq!(
            d,
            Decoded {
                text: "单位,x".into(),
                gbk: true
            }
        );
        assert_eq!(decode(vec![0xff, 0xff, 0xff]), None);
    }
}
