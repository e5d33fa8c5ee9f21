//! The body pane: the open article and its analysis, laid out as lines at the
//! pane's width, its scroll, and the current mention and quote. Which entity is
//! selected is the app's (the sidebar and the list filter share it), so the
//! mention methods take it as an argument.

use super::body_lines::{self, BodyLine, ParagraphMarks};
use super::geometry::Geometry;
use super::step;
use crate::analysis::index::{self, Renames};
use crate::model::{Analysis, Article, Entity, Span};

/// Where the top of the body is, in terms that survive re-wrapping.
#[derive(Debug, Clone, Copy)]
pub(super) struct Anchor {
    pub(super) paragraph: usize,
    pub(super) offset: usize,
    /// Lines shown above the anchored text line (title, blank lines ...).
    pub(super) above: usize,
}

/// The body's state.
#[derive(Debug, Clone, Default)]
pub(super) struct Body {
    /// Index of the open article.
    index: usize,
    /// Whether an article is open (not before the first one arrives).
    has_article: bool,
    /// The open article, made whole from the store.
    article: Article,
    /// Other sources the open article also came from.
    also_in: Vec<String>,
    /// Empty until the analysis arrives (`analysed` false).
    analysis: Analysis,
    analysed: bool,
    /// The width `lines` were wrapped to (0: not laid out yet).
    width: usize,
    lines: Vec<BodyLine>,
    /// Where each text line starts, as (paragraph, byte offset, line index) in
    /// order: finding the line of a mention is a binary search, not a walk.
    text_starts: Vec<(usize, usize, usize)>,
    /// Quotes and mentions per paragraph (independent of width).
    marks: Vec<ParagraphMarks>,
    /// First body line showing.
    top: usize,
    /// Current mention: index into the selected entity's mentions here.
    mention: Option<usize>,
    /// Current quote: index into the open article's quotes.
    quote: Option<usize>,
    /// n/N opened an article whose analysis has not arrived: go to its first
    /// (`true`) or last mention when it does.
    jump_pending: Option<bool>,
    /// The quotes view went to a quote of this article before its analysis
    /// arrived: it becomes the current quote when it does.
    quote_pending: Option<Span>,
}

impl Body {
    // ----- reading -----

    /// Index of the open article.
    pub(super) fn index(&self) -> usize {
        self.index
    }

    /// The open article and its analysis, if an article is open.
    pub(super) fn article_data(&self) -> Option<(&Article, &Analysis)> {
        self.has_article.then_some((&self.article, &self.analysis))
    }

    /// The open article's analysis (empty until it arrives).
    pub(super) fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub(super) fn is_analysed(&self) -> bool {
        self.analysed
    }

    pub(super) fn lines(&self) -> &[BodyLine] {
        &self.lines
    }

    pub(super) fn top(&self) -> usize {
        self.top
    }

    pub(super) fn marks(&self, paragraph: usize) -> Option<&ParagraphMarks> {
        self.marks.get(paragraph)
    }

    pub(super) fn quote(&self) -> Option<usize> {
        self.quote
    }

    /// Index of the entity `selected` among the open article's entities.
    pub(super) fn entity_index(&self, selected: Option<&str>) -> Option<usize> {
        let name = selected?;
        self.analysis.entities.iter().position(|e| e.name == name)
    }

    fn entity(&self, selected: Option<&str>) -> Option<&Entity> {
        self.analysis.entities.get(self.entity_index(selected)?)
    }

    /// Mentions of `selected` here.
    pub(super) fn mentions_here(&self, selected: Option<&str>) -> usize {
        self.entity(selected).map_or(0, |e| e.mentions.len())
    }

    /// The current mention as (entity index, mention index).
    pub(super) fn current_mention(&self, selected: Option<&str>) -> Option<(usize, usize)> {
        Some((self.entity_index(selected)?, self.mention?))
    }

    /// The span of the current mention, which survives renames and merges.
    pub(super) fn current_span(&self, selected: Option<&str>) -> Option<Span> {
        let index = self.mention?;
        self.entity(selected)?.mentions.get(index).copied()
    }

    // ----- the open article -----

    /// Opens article `index` with its analysis if at hand, at the top.
    pub(super) fn open(
        &mut self,
        index: usize,
        article: Article,
        analysis: Option<Analysis>,
        also_in: Vec<String>,
        geometry: &Geometry,
    ) {
        let marks = body_lines::marks(&article, analysis.as_ref().unwrap_or(&Analysis::default()));
        *self = Body {
            index,
            has_article: true,
            article,
            also_in,
            analysed: analysis.is_some(),
            analysis: analysis.unwrap_or_default(),
            marks,
            ..Body::default()
        };
        self.layout(geometry.body_text_width());
    }

    /// The open article's analysis has arrived (or was renamed): mark and lay
    /// it out again, keeping the text at the top of the body in place, and go
    /// on with an n/N that was waiting for it.
    pub(super) fn set_analysis(
        &mut self,
        analysis: Analysis,
        selected: Option<&str>,
        geometry: &Geometry,
    ) {
        let anchor = self.anchor();
        self.analysis = analysis;
        self.analysed = true;
        self.marks = body_lines::marks(&self.article, &self.analysis);
        self.layout(self.width);
        if let Some(anchor) = anchor {
            self.restore(anchor, geometry);
        }
        if let Some(forward) = self.jump_pending.take() {
            self.go_to_first_or_last_mention(selected, forward, geometry);
        }
        if let Some(span) = self.quote_pending.take() {
            self.quote = self.analysis.quotes.iter().position(|q| q.span == span);
        }
    }

    /// Names are unified: the analysis takes the collection's names
    /// (`selected` is already renamed), and the mention that was current
    /// (at `current`) stays current.
    pub(super) fn rename(
        &mut self,
        renames: &Renames,
        selected: Option<&str>,
        current: Option<Span>,
        geometry: &Geometry,
    ) {
        let mut analysis = std::mem::take(&mut self.analysis);
        index::apply_renames(&mut analysis, renames);
        self.set_analysis(analysis, selected, geometry);
        self.mention = current.and_then(|span| {
            let mentions = &self.entity(selected)?.mentions;
            mentions.iter().position(|m| *m == span)
        });
    }

    /// The open article also came from these sources: the metadata line
    /// lists them, the text at the top of the body staying in place.
    pub(super) fn set_also_in(&mut self, also_in: Vec<String>, geometry: &Geometry) {
        let anchor = self.anchor();
        self.also_in = also_in;
        self.layout(self.width);
        if let Some(anchor) = anchor {
            self.restore(anchor, geometry);
        }
    }

    /// Re-wraps to a new width, keeping the line that was at the top, and
    /// re-clamps the scroll.
    pub(super) fn resize(&mut self, geometry: &Geometry) {
        let width = geometry.body_text_width();
        if width != self.width {
            let anchor = self.anchor();
            self.layout(width);
            if let Some(anchor) = anchor {
                self.restore(anchor, geometry);
            }
        }
        self.clamp(geometry);
    }

    fn layout(&mut self, width: usize) {
        if self.has_article {
            self.lines = body_lines::layout(&self.article, &self.analysis, &self.also_in, width);
            self.text_starts = (self.lines.iter().enumerate())
                .filter_map(|(i, line)| match line {
                    BodyLine::Text { paragraph, range } => Some((*paragraph, range.start, i)),
                    _ => None,
                })
                .collect();
        }
        self.width = width;
    }

    /// The top of the body as (paragraph, offset), found at or below the top line.
    pub(super) fn anchor(&self) -> Option<Anchor> {
        let lines = self.lines.get(self.top..)?;
        lines
            .iter()
            .enumerate()
            .find_map(|(above, line)| match line {
                BodyLine::Text { paragraph, range } => Some(Anchor {
                    paragraph: *paragraph,
                    offset: range.start,
                    above,
                }),
                _ => None,
            })
    }

    /// Scrolls so that `anchor`'s text is at the top again.
    pub(super) fn restore(&mut self, anchor: Anchor, geometry: &Geometry) {
        let line = self.line_of(anchor.paragraph, anchor.offset);
        self.top = line.map_or(0, |l| l.saturating_sub(anchor.above));
        self.clamp(geometry);
    }

    /// The body line showing byte `offset` of `paragraph`: the last text line
    /// of that paragraph starting at or before it.
    pub(super) fn line_of(&self, paragraph: usize, offset: usize) -> Option<usize> {
        let starts = &self.text_starts;
        let after = starts.partition_point(|&(p, start, _)| (p, start) <= (paragraph, offset));
        let &(p, _, line) = starts.get(after.checked_sub(1)?)?;
        (p == paragraph).then_some(line)
    }

    // ----- scrolling -----

    fn max_top(&self, geometry: &Geometry) -> usize {
        self.lines.len().saturating_sub(geometry.body_text_height())
    }

    fn clamp(&mut self, geometry: &Geometry) {
        self.top = self.top.min(self.max_top(geometry));
    }

    /// Whether the last line of the article shows.
    pub(super) fn end_visible(&self, geometry: &Geometry) -> bool {
        self.has_article && self.top + geometry.body_text_height() >= self.lines.len()
    }

    /// Puts line `top` at the top, clamped.
    pub(super) fn set_top(&mut self, top: usize, geometry: &Geometry) {
        self.top = top;
        self.clamp(geometry);
    }

    /// Scrolls by `delta` lines, clamped at both ends.
    pub(super) fn scroll_by(&mut self, delta: isize, geometry: &Geometry) {
        self.top = step(self.top, delta, self.max_top(geometry));
    }

    /// Scrolls so `line` shows, a third of the way down if it must move.
    pub(super) fn scroll_to_line(&mut self, line: usize, geometry: &Geometry) {
        let height = geometry.body_text_height();
        if line < self.top || line >= self.top + height {
            self.top = line.saturating_sub(height / 3);
        }
        self.clamp(geometry);
    }

    // ----- mentions -----

    /// No mention is current (the selection changed).
    pub(super) fn clear_mention(&mut self) {
        self.mention = None;
    }

    /// n/N opened this article before its analysis arrived: go to the first
    /// (`forward`) or last mention when it does.
    pub(super) fn jump_when_analysed(&mut self, forward: bool) {
        self.jump_pending = Some(forward);
    }

    /// Makes mention `index` of `selected` current and scrolls to it.
    pub(super) fn go_to_mention(
        &mut self,
        selected: Option<&str>,
        index: usize,
        geometry: &Geometry,
    ) {
        let span = self
            .entity(selected)
            .and_then(|e| e.mentions.get(index))
            .copied();
        if let Some(span) = span {
            self.mention = Some(index);
            if let Some(line) = self.line_of(span.paragraph, span.start) {
                self.scroll_to_line(line, geometry);
            }
        }
    }

    /// Goes to the first (`forward`) or last mention of `selected` here.
    pub(super) fn go_to_first_or_last_mention(
        &mut self,
        selected: Option<&str>,
        forward: bool,
        geometry: &Geometry,
    ) {
        let count = self.mentions_here(selected);
        let index = if forward { 0 } else { count.saturating_sub(1) };
        self.go_to_mention(selected, index, geometry);
    }

    /// The next (previous) mention of `selected` here; `false` when there is
    /// none past the current one (or past the screen), for the app to go on
    /// to another article.
    pub(super) fn step_mention(
        &mut self,
        selected: &str,
        forward: bool,
        geometry: &Geometry,
    ) -> bool {
        let lines: Vec<usize> = self
            .entity(Some(selected))
            .map(|e| {
                e.mentions
                    .iter()
                    .map(|s| self.line_of(s.paragraph, s.start).unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let target = self.next_on_screen(&lines, self.mention, forward, geometry);
        if let Some(index) = target {
            self.go_to_mention(Some(selected), index, geometry);
        }
        target.is_some()
    }

    /// The next (previous) of some marks at `lines` (ascending) after
    /// `current`; when `current` is not on screen (or none is), the first one
    /// from the top of the screen (the last one above its bottom), as `less`
    /// does; `None` past the last (first).
    pub(super) fn next_on_screen(
        &self,
        lines: &[usize],
        current: Option<usize>,
        forward: bool,
        geometry: &Geometry,
    ) -> Option<usize> {
        // A current mark the reader has scrolled away from no longer anchors n/N.
        let bottom = self.top + geometry.body_text_height();
        let current = current.filter(|&i| {
            lines
                .get(i)
                .is_some_and(|&l| (self.top..bottom).contains(&l))
        });
        match (current, forward) {
            (Some(i), true) => Some(i + 1).filter(|&j| j < lines.len()),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => lines.iter().position(|&l| l >= self.top),
            (None, false) => lines.iter().rposition(|&l| l < bottom),
        }
    }

    /// The body line showing byte `offset` of the title, if the title shows.
    pub(super) fn title_line_of(&self, offset: usize) -> Option<usize> {
        self.lines.iter().position(|line| {
            matches!(line, BodyLine::Title(range) if range.contains(&offset) || range.end == offset)
        })
    }

    /// Whether the title shows as its own lines (not when it only repeats
    /// the first sentence).
    pub(super) fn shows_title(&self) -> bool {
        matches!(self.lines.first(), Some(BodyLine::Title(_)))
    }

    // ----- quotes -----

    /// ]/[: scrolls to the next (previous) quote and says which it is and who
    /// said it, or that there is none (nothing without an open article).
    pub(super) fn step_quote(&mut self, forward: bool, geometry: &Geometry) -> Option<String> {
        let (_, analysis) = self.article_data()?;
        let lines: Vec<usize> = analysis
            .quotes
            .iter()
            .map(|q| self.line_of(q.span.paragraph, q.span.start).unwrap_or(0))
            .collect();
        if lines.is_empty() {
            return Some("No quotes in this article.".to_string());
        }
        let target = match (self.quote, forward) {
            (Some(i), true) => Some(i + 1).filter(|&j| j < lines.len()),
            (Some(i), false) => i.checked_sub(1),
            (None, true) => lines.iter().position(|&l| l >= self.top),
            (None, false) => lines.iter().rposition(|&l| l < self.top),
        };
        let Some(index) = target else {
            let none = if forward {
                "No more quotes below."
            } else {
                "No more quotes above."
            };
            return Some(none.to_string());
        };
        let speaker = analysis
            .quotes
            .get(index)
            .and_then(|q| analysis.speaker_name(q))
            .map_or_else(|| "speaker unknown".to_string(), |s| format!("— {s}"));
        let status = format!("Quote {}/{} {speaker}", index + 1, lines.len());
        self.quote = Some(index);
        if let Some(&line) = lines.get(index) {
            self.scroll_to_line(line, geometry);
        }
        Some(status)
    }

    /// Makes the quote at `span` current and scrolls to it (the quotes view's
    /// Enter); says which quote it is. Before the analysis has arrived the
    /// body scrolls to the words, the quote becomes current when it does, and
    /// there is nothing to say yet (`None`).
    pub(super) fn go_to_quote_span(&mut self, span: Span, geometry: &Geometry) -> Option<String> {
        if let Some(line) = self.line_of(span.paragraph, span.start) {
            self.scroll_to_line(line, geometry);
        }
        if !self.analysed {
            self.quote_pending = Some(span);
            return None;
        }
        let quotes = &self.analysis.quotes;
        self.quote = quotes.iter().position(|q| q.span == span);
        let speaker = (self.quote.and_then(|i| quotes.get(i)))
            .and_then(|q| self.analysis.speaker_name(q))
            .map_or_else(|| "speaker unknown".to_string(), |s| format!("— {s}"));
        Some(match self.quote {
            Some(i) => format!("Quote {}/{} {speaker}", i + 1, quotes.len()),
            None => "That quote is no longer in this article.".to_string(),
        })
    }
}
