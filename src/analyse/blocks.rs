//! The plain text of every leaf block of a body (paragraph, heading, caption, list
//! item, table cell, footnote), for the text analysers, with the text events each
//! block's characters came from so that findings can be placed back in the HTML.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::annotate::{BlockKind, TextBlock};
use crate::error::LineIndex;

/// A text event that belongs to a block: where its text starts in the block's text.
#[derive(Debug, Clone, Copy)]
pub(super) struct TextEvent {
    pub(super) event: usize,
    pub(super) block: usize,
    pub(super) start: usize,
    pub(super) end: usize,
}

pub(super) struct Collected {
    pub(super) blocks: Vec<TextBlock>,
    /// Sorted by (block, start).
    pub(super) text_events: Vec<TextEvent>,
    pub(super) entity_links: Vec<EntityLink>,
}

/// An `entity:` link: where its text lies and which event opens it.
pub(super) struct EntityLink {
    pub(super) block: usize,
    pub(super) range: Range<usize>,
    pub(super) entity: usize,
    pub(super) event: usize,
}

/// Collects the plain text of every leaf block, remembering where each text event lies.
pub(super) fn collect_blocks(
    events: &[(Event<'_>, Range<usize>)],
    entity_starts: &HashMap<usize, usize>,
    lines: &LineIndex<'_>,
) -> Collected {
    let mut blocks: Vec<TextBlock> = Vec::new();
    let mut text_events = Vec::new();
    let mut entity_links = Vec::new();
    let mut stack: Vec<Container> = Vec::new();
    let mut current: Option<usize> = None;
    let mut caption = false;
    let mut link_depth = 0usize;
    let mut image_depth = 0usize;
    // (block, start in block text, entity, start event) of the open entity link.
    let mut open_entity: Option<(usize, usize, usize, usize)> = None;
    let mut pending_entity: Option<(usize, usize)> = None;
    let mut code_block = 0usize;

    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                if let Some(c) = Container::of(tag) {
                    current = None;
                    stack.push(c);
                }
                match tag {
                    Tag::Link { .. } => link_depth += 1,
                    Tag::Image { .. } => image_depth += 1,
                    Tag::CodeBlock(_) => code_block += 1,
                    _ => {}
                }
            }
            Event::End(tag) => {
                if Container::ends(tag) {
                    current = None;
                    stack.pop();
                    caption = false;
                }
                match tag {
                    TagEnd::Link => link_depth = link_depth.saturating_sub(1),
                    TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                    TagEnd::CodeBlock => code_block = code_block.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Html(h) if h.starts_with("<p class=\"caption\">") => {
                current = None;
                stack.push(Container::Paragraph);
                caption = true;
            }
            Event::Html(h) if h.starts_with("</p>") && caption => {
                current = None;
                stack.pop();
                caption = false;
            }
            Event::InlineHtml(_) if entity_starts.contains_key(&i) => {
                pending_entity = Some((entity_starts[&i], i));
            }
            Event::InlineHtml(h) if h.as_ref() == "</a>" => {
                if let Some((b, start, entity, event)) = open_entity.take() {
                    let end = blocks[b].text.len();
                    blocks[b].masked.push(start..end);
                    if end > start {
                        blocks[b].explicit.push((start..end, entity));
                        entity_links.push(EntityLink {
                            block: b,
                            range: start..end,
                            entity,
                            event,
                        });
                    }
                }
            }
            Event::Text(t) if image_depth == 0 && code_block == 0 => {
                let b = match current {
                    Some(b) => b,
                    None => {
                        let kind = block_kind(&stack, caption);
                        let Some(kind) = kind else { continue };
                        blocks.push(TextBlock {
                            kind,
                            text: String::new(),
                            line: lines.line(range.start),
                            masked: Vec::new(),
                            explicit: Vec::new(),
                        });
                        current = Some(blocks.len() - 1);
                        blocks.len() - 1
                    }
                };
                if let Some((entity, event)) = pending_entity.take() {
                    open_entity = Some((b, blocks[b].text.len(), entity, event));
                }
                let start = blocks[b].text.len();
                blocks[b]
                    .text
                    .extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }));
                let end = blocks[b].text.len();
                if link_depth > 0 && open_entity.is_none() {
                    blocks[b].masked.push(start..end);
                }
                text_events.push(TextEvent {
                    event: i,
                    block: b,
                    start,
                    end,
                });
            }
            Event::Code(_) => {
                if let Some(b) = current {
                    let start = blocks[b].text.len();
                    blocks[b].text.push(' ');
                    blocks[b].masked.push(start..start + 1);
                }
            }
            Event::HardBreak => {
                if let Some(b) = current {
                    blocks[b].text.push(' ');
                }
            }
            _ => {}
        }
    }
    Collected {
        blocks,
        text_events,
        entity_links,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Container {
    Paragraph,
    Heading,
    Item,
    TableCell,
    BlockQuote,
    Footnote,
    Other,
}

impl Container {
    fn of(tag: &Tag<'_>) -> Option<Container> {
        Some(match tag {
            Tag::Paragraph => Container::Paragraph,
            Tag::Heading { .. } => Container::Heading,
            Tag::Item => Container::Item,
            Tag::TableCell => Container::TableCell,
            Tag::BlockQuote(_) => Container::BlockQuote,
            Tag::FootnoteDefinition(_) => Container::Footnote,
            Tag::List(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => Container::Other,
            _ => return None,
        })
    }

    fn ends(tag: &TagEnd) -> bool {
        matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
        )
    }
}

/// The kind of block that text at this point of the container stack belongs to.
pub(super) fn block_kind(stack: &[Container], caption: bool) -> Option<BlockKind> {
    let inner = *stack.last()?;
    let within = |c: Container| stack.contains(&c);
    Some(match inner {
        Container::Heading => BlockKind::Heading,
        Container::TableCell => BlockKind::TableCell,
        Container::Item => BlockKind::ListItem,
        Container::Paragraph if caption => BlockKind::Caption,
        Container::Paragraph if within(Container::Footnote) => BlockKind::Footnote,
        Container::Paragraph if within(Container::Item) => BlockKind::ListItem,
        Container::Paragraph if within(Container::BlockQuote) => BlockKind::BlockQuote,
        Container::Paragraph => BlockKind::Paragraph,
        Container::BlockQuote => BlockKind::BlockQuote,
        Container::Footnote => BlockKind::Footnote,
        Container::Other => return None,
    })
}
