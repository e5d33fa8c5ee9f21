//! Finds quoted speech in paragraphs. (Skeleton: replaced by the real pairing.)
use crate::model::Span;

/// One stretch of quoted words inside one paragraph, with where its marks are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// The quoted words, without the marks.
    pub span: Span,
    /// Byte offset of the opening mark in the paragraph; `None` when this piece
    /// continues a quotation from the previous paragraph without a new mark.
    pub open_mark: Option<usize>,
    /// Byte offset of the closing mark; `None` when the quotation runs on into the next paragraph.
    pub close_mark: Option<usize>,
    /// True when this piece continues a quotation begun in an earlier paragraph.
    pub continued: bool,
}

/// Finds every quote in the paragraphs, in text order.
pub fn find_quotes(_paragraphs: &[String]) -> Vec<QuoteSpan> {
    Vec::new()
}
