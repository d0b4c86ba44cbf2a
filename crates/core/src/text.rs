//! Text normalisation shared by the importers and the rules: full-width forms, traditional
//! characters, and the punctuation variants real reports use.

/// Full-width ASCII forms (`１２３`, `（`, `：`) to their ASCII counterparts; U+3000 to a space.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Traditional characters that occur in template labels, folded to simplified (SPEC.md §4.2).
pub fn fold_traditional(c: char) -> char {
    const PAIRS: &[(char, char)] = &[
        ('結', '结'),
        ('轉', '转'),
        ('繼', '继'),
        ('續', '续'),
        ('辦', '办'),
        ('開', '开'),
        ('國', '国'),
        ('與', '与'),
        ('處', '处'),
        ('數', '数'),
        ('總', '总'),
        ('計', '计'),
        ('請', '请'),
        ('況', '况'),
        ('無', '无'),
        ('於', '于'),
        ('關', '关'),
        ('機', '机'),
        ('權', '权'),
        ('護', '护'),
        ('務', '务'),
        ('資', '资'),
        ('訊', '讯'),
        ('執', '执'),
        ('詢', '询'),
        ('項', '项'),
        ('現', '现'),
        ('製', '制'),
        ('認', '认'),
        ('確', '确'),
        ('複', '复'),
        ('覆', '复'),
        ('議', '议'),
        ('訴', '诉'),
        ('訟', '讼'),
        ('維', '维'),
        ('糾', '纠'),
        ('審', '审'),
        ('規', '规'),
        ('範', '范'),
        ('廢', '废'),
        ('許', '许'),
        ('罰', '罚'),
        ('強', '强'),
        ('費', '费'),
        ('額', '额'),
        ('萬', '万'),
        ('單', '单'),
        ('採', '采'),
        ('購', '购'),
        ('條', '条'),
        ('號', '号'),
        ('會', '会'),
        ('業', '业'),
        ('構', '构'),
        ('織', '织'),
        ('師', '师'),
        ('並', '并'),
        ('為', '为'),
        ('報', '报'),
        ('訪', '访'),
        ('舉', '举'),
        ('獲', '获'),
        ('題', '题'),
        ('補', '补'),
        ('內', '内'),
        ('過', '过'),
        ('類', '类'),
        ('險', '险'),
        ('穩', '稳'),
        ('這', '这'),
        ('協', '协'),
        ('書', '书'),
        ('應', '应'),
        ('質', '质'),
        ('問', '问'),
        ('負', '负'),
        ('責', '责'),
        ('實', '实'),
        ('體', '体'),
        ('當', '当'),
        ('預', '预'),
        ('決', '决'),
        ('從', '从'),
        ('紅', '红'),
        ('經', '经'),
        ('發', '发'),
        ('來', '来'),
        ('後', '后'),
        ('繳', '缴'),
        ('納', '纳'),
        ('據', '据'),
        ('證', '证'),
        ('門', '门'),
        ('縣', '县'),
        ('區', '区'),
        ('鄉', '乡'),
        ('鎮', '镇'),
        ('廳', '厅'),
        ('屬', '属'),
        ('團', '团'),
        ('們', '们'),
        ('個', '个'),
        ('對', '对'),
        ('態', '态'),
        ('義', '义'),
        ('達', '达'),
        ('離', '离'),
        ('產', '产'),
        ('療', '疗'),
        ('衛', '卫'),
        ('環', '环'),
        ('頁', '页'),
        ('給', '给'),
        ('倉', '仓'),
        ('鬥', '斗'),
        ('圖', '图'),
        ('檔', '档'),
    ];
    // One bit per BMP char, set for the traditional chars above: every char of every report
    // passes through here, and almost all are rejected by one load and test.
    static TRADITIONAL: [u64; 1024] = {
        let mut b = [0u64; 1024];
        let mut i = 0;
        while i < PAIRS.len() {
            let k = PAIRS[i].0 as usize;
            b[k / 64] |= 1 << (k % 64);
            i += 1;
        }
        b
    };
    let k = c as usize;
    if k >= 0x1_0000 || TRADITIONAL[k / 64] & (1 << (k % 64)) == 0 {
        return c;
    }
    PAIRS.iter().find(|(t, _)| *t == c).map_or(c, |(_, s)| *s)
}

/// The text of a number cell with widths folded and spaces (ASCII, U+3000, NBSP, thin) removed.
pub fn normalize_number_text(raw: &str) -> String {
    raw.chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}' && *c != '\u{FEFF}')
        .map(|c| match c {
            '，' => ',',
            '．' | '。' => '.',
            '－' | '−' => '-',
            _ => c,
        })
        .collect()
}

/// A label reduced to what identifies it: widths and traditional characters folded, all white
/// space, punctuation, quotes and list markers' punctuation removed. `（一）予以公开` and
/// `(一) 予以公开` both become `一予以公开`; `1. 属于国家秘密` and `1、属于国家秘密` both
/// become `1属于国家秘密`.
pub fn normalize_label(raw: &str) -> String {
    raw.chars()
        .map(fold_width)
        .map(fold_traditional)
        .filter(|c| !c.is_whitespace() && !is_label_punct(*c))
        .collect()
}

/// Punctuation that carries no meaning in a label.
pub const fn is_label_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '（'
            | '）'
            | '['
            | ']'
            | '【'
            | '】'
            | '.'
            | '．'
            | '、'
            | ','
            | '，'
            | ':'
            | '：'
            | ';'
            | '；'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '《'
            | '》'
            | '<'
            | '>'
            | '·'
            | '•'
            | '|'
            | '*'
            | '#'
            | '\u{200B}'
            | '\u{FEFF}'
            | '　'
            | '_'
    )
}

/// Removes parenthesised notes from a label: `上一年项目数量(指2019年事项数)` →
/// `上一年项目数量`. Leading list markers such as `（一）` are kept.
pub fn strip_notes(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().map(fold_width).collect();
    let mut out = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '(' {
            // Keep a leading enumeration marker like (一) or (1).
            let close = chars[i..].iter().position(|&x| x == ')').map(|p| p + i);
            let is_marker = out.trim().is_empty()
                && close.is_some_and(|e| {
                    e - i <= 3 && chars[i + 1..e].iter().all(|c| is_enum_char(*c))
                });
            if is_marker && depth == 0 {
                if let Some(e) = close {
                    out.extend(&chars[i..=e]);
                    i = e + 1;
                    continue;
                }
            }
            depth += 1;
        } else if c == ')' {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            out.push(c);
        }
        i += 1;
    }
    out
}

fn is_enum_char(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// Value of a Chinese numeral (`二十五` → 25, `一百零三` → 103, `两千` → 2000) or of plain digits.
/// `None` when the text is neither.
pub fn parse_chinese_number(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| -> Option<i64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total: i64 = 0;
    let mut section: i64 = 0;
    let mut current: i64 = 0;
    let mut seen = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = d;
            seen = true;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        seen = true;
        if unit >= 10_000 {
            section = (section + current) * unit;
            total = total.checked_add(section)?;
            section = 0;
        } else {
            let n = if current == 0 { 1 } else { current };
            section += n * unit;
        }
        current = 0;
    }
    seen.then_some(total + section + current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_normalise() {
        assert_eq!(
            normalize_label("（一）予以公开"),
            normalize_label("(一) 予以公开")
        );
        assert_eq!(
            normalize_label("1. 属于国家秘密"),
            normalize_label("1、属于国家秘密")
        );
        assert_eq!(normalize_label("結轉下年度繼續辦理"), "结转下年度继续办理");
        assert_eq!(
            normalize_label("危及“三安全一稳定”"),
            normalize_label("危及\"三安全一稳定\"")
        );
    }

    #[test]
    fn notes_are_stripped() {
        assert_eq!(
            strip_notes("上一年项目数量(指2019年事项数)"),
            "上一年项目数量"
        );
        assert_eq!(strip_notes("（一）予以公开"), "(一)予以公开");
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(parse_chinese_number("二十五"), Some(25));
        assert_eq!(parse_chinese_number("十"), Some(10));
        assert_eq!(parse_chinese_number("一百零三"), Some(103));
        assert_eq!(parse_chinese_number("两千"), Some(2000));
        assert_eq!(parse_chinese_number("三万二千"), Some(32000));
        assert_eq!(parse_chinese_number("3119"), Some(3119));
        assert_eq!(parse_chinese_number("件"), None);
    }
}
