//! Pictures drawn at build time: inline SVG charts with text alternatives.
//!
//! Each function takes plain data (labels, links already resolved under the base
//! path, counts) and returns markup to place inside a `<figure>`: an `<svg role="img">`
//! named by its `<title>` and described by its `<desc>`, followed by a visually hidden
//! table with the same data for readers who cannot see the picture. Nothing here needs
//! JavaScript, and nothing is coloured in the markup: shapes carry classes (and
//! `data-kind` for entity kinds) that `static/style.css` colours from the theme's
//! custom properties, so light and dark schemes both work. Every piece of text is
//! escaped for XML by [`super::xml::escape`], control characters included.
//!
//! Layouts are deterministic: the same dossier draws the same picture, byte for byte.

use std::f64::consts::PI;
use std::fmt::Write;

use super::xml::escape;
use crate::text::truncate;

/// A rough width of `text` in pixels at `size`, for placing and trimming labels.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.56
}

/// Appends `x` as `{:.1}` writes it, without the general formatting machinery: a
/// graph has hundreds of coordinates and entity pages thousands of graphs. A value
/// within a hair of a tie between two roundings, or a large one, is left to the
/// standard formatting, so the text is the same.
fn push_coord(out: &mut String, x: f64) {
    let t = x * 10.0;
    if !t.is_finite() || t.abs() > 1e12 || ((t - t.trunc()).abs() - 0.5).abs() < 1e-6 {
        let _ = write!(out, "{x:.1}");
        return;
    }
    let n = t.round().abs() as u64;
    if x.is_sign_negative() {
        out.push('-');
    }
    out.push_str(itoa::Buffer::new().format(n / 10));
    out.push('.');
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Appends markup: text pieces and coordinates in turn (`Coord`), so that a long
/// element is written without a format string.
fn push_parts(out: &mut String, parts: &[Part<'_>]) {
    for part in parts {
        match part {
            Part::Text(s) => out.push_str(s),
            Part::Coord(x) => push_coord(out, *x),
            Part::Escaped(s) => out.push_str(&escape(s)),
            Part::Count(n) => out.push_str(itoa::Buffer::new().format(*n)),
        }
    }
}

/// A piece of markup for [`push_parts`].
enum Part<'a> {
    Text(&'a str),
    /// A coordinate, as `{:.1}`.
    Coord(f64),
    /// Text escaped for XML.
    Escaped(&'a str),
    Count(usize),
}

/// The opening of an accessible SVG picture.
fn svg_open(out: &mut String, id: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

/// One column of the timeline chart: a period, and what happened in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartColumn {
    /// Two short lines under the axis ("3 Jan", "2020").
    pub label: (String, String),
    /// The period in full ("3 January 2020").
    pub title: String,
    /// Where the column links to (the day on the timeline page).
    pub href: String,
    pub events: usize,
    pub articles: usize,
    /// Time passes between this column and the previous one (the axis is broken).
    pub gap_before: bool,
}

/// The timeline as a bar chart on an ordered time axis: for each period, the events
/// reported about it and the articles published in it.
pub fn timeline_chart(id: &str, columns: &[ChartColumn]) -> String {
    if columns.is_empty() {
        return String::new();
    }
    const COL: f64 = 58.0;
    const BAR: f64 = 17.0;
    const PAD: f64 = 24.0;
    const TOP: f64 = 56.0;
    const PLOT: f64 = 130.0;
    let width = (columns.len() as f64 * COL + 2.0 * PAD).max(360.0);
    let height = TOP + PLOT + 52.0;
    let base = TOP + PLOT;
    let max = columns
        .iter()
        .map(|c| c.events.max(c.articles))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let total_events: usize = columns.iter().map(|c| c.events).sum();
    let total_articles: usize = columns.iter().map(|c| c.articles).sum();
    let first = &columns[0].title;
    let last = &columns[columns.len() - 1].title;
    let desc = format!(
        "{total_events} dated event{} and {total_articles} article{} over {} periods, from {first} to {last}. Each period has a bar for the events reported about it and one for the articles published in it. The axis is in order of time but not to scale.",
        plural(total_events),
        plural(total_articles),
        columns.len()
    );
    let mut out = String::new();
    svg_open(
        &mut out,
        id,
        width,
        height,
        "Timeline: events and articles by date",
        &desc,
    );
    // Legend.
    let _ = write!(
        out,
        "<g class=\"chart-legend\" aria-hidden=\"true\"><rect class=\"chart-bar chart-bar--events\" x=\"{PAD}\" y=\"12\" width=\"12\" height=\"12\" rx=\"2\"/><text x=\"{}\" y=\"22\">Events reported</text><rect class=\"chart-bar chart-bar--articles\" x=\"{}\" y=\"12\" width=\"12\" height=\"12\" rx=\"2\"/><text x=\"{}\" y=\"22\">Articles published</text></g>",
        PAD + 18.0,
        PAD + 140.0,
        PAD + 158.0
    );
    let _ = write!(
        out,
        "<line class=\"chart-axis\" x1=\"{PAD}\" y1=\"{base}\" x2=\"{:.1}\" y2=\"{base}\"/>",
        width - PAD
    );
    for (k, c) in columns.iter().enumerate() {
        let x0 = PAD + k as f64 * COL;
        let mid = x0 + COL / 2.0;
        if c.gap_before && k > 0 {
            // Two slanted strokes across the axis: time skipped.
            let _ = write!(
                out,
                "<path class=\"chart-break\" d=\"M{:.1} {:.1}l6 -12M{:.1} {:.1}l6 -12\"/>",
                x0 - 5.0,
                base + 6.0,
                x0,
                base + 6.0
            );
        }
        let _ = write!(
            out,
            "<a class=\"chart-column\" href=\"{}\"><title>{}: {} event{}, {} article{}</title><rect class=\"chart-hit\" x=\"{x0:.1}\" y=\"{TOP}\" width=\"{COL}\" height=\"{:.1}\"/>",
            escape(&c.href),
            escape(&c.title),
            c.events,
            plural(c.events),
            c.articles,
            plural(c.articles),
            PLOT + 48.0
        );
        for (n, class, dx) in [
            (c.events, "chart-bar chart-bar--events", -BAR - 1.0),
            (c.articles, "chart-bar chart-bar--articles", 1.0),
        ] {
            if n == 0 {
                continue;
            }
            let h = (n as f64 / max * (PLOT - 18.0)).max(3.0);
            let x = mid + dx;
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{BAR}\" height=\"{h:.1}\" rx=\"2\"/><text class=\"chart-count\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>",
                base - h,
                x + BAR / 2.0,
                base - h - 4.0
            );
        }
        let _ = write!(
            out,
            "<text class=\"chart-label\" x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            base + 17.0,
            escape(&c.label.0)
        );
        if !c.label.1.is_empty() {
            let _ = write!(
                out,
                "<text class=\"chart-label chart-label--minor\" x=\"{mid:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                base + 32.0,
                escape(&c.label.1)
            );
        }
        out.push_str("</a>");
    }
    out.push_str("</svg>");
    // The same data as a table.
    let _ = write!(
        out,
        "<div class=\"visually-hidden\"><table><caption>Events and articles by date</caption><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Events reported</th><th scope=\"col\">Articles published</th></tr></thead><tbody>"
    );
    for c in columns {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            escape(&c.title),
            c.events,
            c.articles
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// An entity in a graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    pub label: String,
    /// The entity kind (`person`, `place`...), styled by `data-kind`.
    pub kind: String,
    /// The kind as a reader says it ("Person").
    pub kind_label: String,
    /// The entity's page.
    pub href: String,
    /// Mentions: the node's size.
    pub weight: usize,
}

/// Two entities mentioned in the same paragraphs, `weight` times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphEdge {
    pub a: usize,
    pub b: usize,
    pub weight: usize,
}

/// What a graph is about, for its title and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphText {
    pub title: String,
    pub desc: String,
    /// The caption of the hidden table.
    pub caption: String,
}

/// Who appears with whom: entities on a circle grouped by kind, sized by mentions,
/// joined by curves as thick as the number of paragraphs they share. With `focus`,
/// that node sits in the middle (one entity and its connections).
pub fn entity_graph(
    id: &str,
    text: &GraphText,
    nodes: &[GraphNode],
    edges: &[GraphEdge],
    focus: Option<usize>,
) -> String {
    if nodes.is_empty() {
        return String::new();
    }
    const LABEL: f64 = 13.0;
    // Ring order: by kind in the order given, then by weight, each kind together.
    let ring: Vec<usize> = {
        let mut kinds: Vec<&str> = Vec::new();
        for n in nodes {
            if !kinds.contains(&n.kind.as_str()) {
                kinds.push(&n.kind);
            }
        }
        let mut r: Vec<usize> = (0..nodes.len()).filter(|&i| Some(i) != focus).collect();
        r.sort_by(|&x, &y| {
            let kx = kinds.iter().position(|k| *k == nodes[x].kind);
            let ky = kinds.iter().position(|k| *k == nodes[y].kind);
            kx.cmp(&ky)
                .then_with(|| nodes[y].weight.cmp(&nodes[x].weight))
                .then_with(|| nodes[x].label.cmp(&nodes[y].label))
        });
        r
    };
    let max_weight = nodes.iter().map(|n| n.weight).max().unwrap_or(1).max(1) as f64;
    let radius_of = |w: usize| 4.0 + 13.0 * (w as f64 / max_weight).sqrt();
    let longest = nodes
        .iter()
        .map(|n| text_width(&truncate(&n.label, 28), LABEL))
        .fold(0.0, f64::max);
    // Nodes sit on two arcs, right and left of the centre, leaving the top and the
    // bottom free: there, horizontal labels of neighbouring nodes would collide.
    const ARC: f64 = PI / 3.0;
    // A slot per node, an empty slot between kinds.
    let mut slots: Vec<Option<usize>> = Vec::new();
    for (k, &n) in ring.iter().enumerate() {
        if k > 0 && nodes[ring[k - 1]].kind != nodes[n].kind && ring.len() > 6 {
            slots.push(None);
        }
        slots.push(Some(n));
    }
    // Large enough that labels at the ends of the arcs, where the ring runs most
    // nearly sideways, are still 16 pixels apart.
    let step = 4.0 * ARC / slots.len().max(1) as f64;
    let ring_radius = (16.0 / (step * ARC.cos())).clamp(110.0, 320.0);
    let margin = longest + 40.0;
    let width = 2.0 * (ring_radius + margin);
    let legend_h = 34.0;
    let half_height = ring_radius * ARC.sin() + 40.0;
    let height = 2.0 * half_height + legend_h;
    let (cx, cy) = (width / 2.0, half_height);
    let mut pos = vec![(cx, cy); nodes.len()];
    let mut angle_of = vec![0.0f64; nodes.len()];
    for (s, slot) in slots.iter().enumerate() {
        if let Some(n) = *slot {
            // t runs down the right arc (from -60° to 60°), then up the left one.
            let t = (s as f64 + 0.5) / slots.len() as f64;
            let a = if t < 0.5 {
                -ARC + 4.0 * ARC * t
            } else {
                PI - ARC + 4.0 * ARC * (t - 0.5)
            };
            angle_of[n] = a;
            pos[n] = (cx + ring_radius * a.cos(), cy + ring_radius * a.sin());
        }
    }
    let mut out = String::with_capacity(512 * (nodes.len() + edges.len()) + 1024);
    svg_open(&mut out, id, width, height, &text.title, &text.desc);
    // Edges first, under the nodes; the strongest last, on top.
    let max_edge = edges.iter().map(|e| e.weight).max().unwrap_or(1).max(1) as f64;
    let mut ordered: Vec<&GraphEdge> = edges
        .iter()
        .filter(|e| e.a < nodes.len() && e.b < nodes.len() && e.a != e.b)
        .collect();
    ordered.sort_by_key(|e| (e.weight, e.a.min(e.b), e.a.max(e.b)));
    out.push_str("<g class=\"graph-edges\" aria-hidden=\"true\">");
    for e in ordered {
        let (x1, y1) = pos[e.a];
        let (x2, y2) = pos[e.b];
        let w = 1.0 + 4.0 * (e.weight as f64 / max_edge);
        let strong = if focus.is_some_and(|f| f == e.a || f == e.b) {
            " graph-edge--focus"
        } else {
            ""
        };
        // Curves bow towards the centre, so chords between neighbours stay apart.
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
        let (qx, qy) = (mx + (cx - mx) * 0.45, my + (cy - my) * 0.45);
        use Part::{Coord, Count, Escaped, Text};
        push_parts(
            &mut out,
            &[
                Text("<path class=\"graph-edge"),
                Text(strong),
                Text("\" d=\"M"),
                Coord(x1),
                Text(" "),
                Coord(y1),
                Text("Q"),
                Coord(qx),
                Text(" "),
                Coord(qy),
                Text(" "),
                Coord(x2),
                Text(" "),
                Coord(y2),
                Text("\" stroke-width=\""),
                Coord(w),
                Text("\"><title>"),
                Escaped(&nodes[e.a].label),
                Text(" and "),
                Escaped(&nodes[e.b].label),
                Text(": "),
                Count(e.weight),
                Text(" paragraph"),
                Text(plural(e.weight)),
                Text(" together</title></path>"),
            ],
        );
    }
    out.push_str("</g><g class=\"graph-nodes\">");
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = pos[i];
        let r = radius_of(n.weight);
        let label = truncate(&n.label, 28);
        let (lx, ly, anchor) = if Some(i) == focus {
            (x, y + r + LABEL + 3.0, "middle")
        } else {
            let a = angle_of[i];
            let (c, s) = (a.cos(), a.sin());
            let d = r + 6.0;
            let anchor = if c >= 0.0 { "start" } else { "end" };
            (x + c * d, y + s * d + 4.5, anchor)
        };
        let class = if Some(i) == focus {
            "graph-node graph-node--focus"
        } else {
            "graph-node"
        };
        use Part::{Coord, Count, Escaped, Text};
        push_parts(
            &mut out,
            &[
                Text("<a href=\""),
                Escaped(&n.href),
                Text("\"><title>"),
                Escaped(&n.label),
                Text(": "),
                Escaped(&n.kind_label),
                Text(", "),
                Count(n.weight),
                Text(" mention"),
                Text(plural(n.weight)),
                Text("</title><circle class=\""),
                Text(class),
                Text("\" data-kind=\""),
                Escaped(&n.kind),
                Text("\" cx=\""),
                Coord(x),
                Text("\" cy=\""),
                Coord(y),
                Text("\" r=\""),
                Coord(r),
                Text("\"/><text class=\"graph-label\" x=\""),
                Coord(lx),
                Text("\" y=\""),
                Coord(ly),
                Text("\" text-anchor=\""),
                Text(anchor),
                Text("\">"),
                Escaped(&label),
                Text("</text></a>"),
            ],
        );
    }
    out.push_str("</g>");
    // Legend: one swatch per kind present.
    let mut kinds: Vec<(&str, &str)> = Vec::new();
    for n in nodes {
        if !kinds.iter().any(|(k, _)| *k == n.kind) {
            kinds.push((&n.kind, &n.kind_label));
        }
    }
    let legend_y = height - 16.0;
    let legend_w: f64 = kinds
        .iter()
        .map(|(_, l)| 22.0 + text_width(l, 12.0) + 14.0)
        .sum();
    let mut lx = (width - legend_w).max(0.0) / 2.0;
    out.push_str("<g class=\"chart-legend\" aria-hidden=\"true\">");
    for (kind, label) in &kinds {
        let _ = write!(
            out,
            "<circle data-kind=\"{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"6\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            escape(kind),
            lx + 6.0,
            legend_y - 4.0,
            lx + 16.0,
            legend_y,
            escape(label)
        );
        lx += 22.0 + text_width(label, 12.0) + 14.0;
    }
    out.push_str("</g></svg>");
    // The same data as a table: each entity, its mentions, and whom it appears with.
    let _ = write!(
        out,
        "<div class=\"visually-hidden\"><table><caption>{}</caption><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Kind</th><th scope=\"col\">Mentions</th><th scope=\"col\">Mentioned in the same paragraphs as</th></tr></thead><tbody>",
        escape(&text.caption)
    );
    let order: Vec<usize> = focus.into_iter().chain(ring.iter().copied()).collect();
    for i in order {
        let n = &nodes[i];
        let mut with: Vec<(usize, usize)> = edges
            .iter()
            .filter_map(|e| {
                if e.a == i {
                    Some((e.b, e.weight))
                } else if e.b == i {
                    Some((e.a, e.weight))
                } else {
                    None
                }
            })
            .filter(|&(o, _)| o < nodes.len())
            .collect();
        with.sort_by(|x, y| {
            y.1.cmp(&x.1)
                .then_with(|| nodes[x.0].label.cmp(&nodes[y.0].label))
        });
        let with: Vec<String> = with
            .iter()
            .map(|&(o, w)| format!("{} ({w})", escape(&nodes[o].label)))
            .collect();
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&n.label),
            escape(&n.kind_label),
            n.weight,
            if with.is_empty() {
                "nobody".to_string()
            } else {
                with.join(", ")
            }
        );
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A row of the coverage grid: one widely reported statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// Short label ("№ 1 · Adel Abdul Mahdi").
    pub label: String,
    /// The statement's words.
    pub text: String,
    /// Where the row links to (the statement on the quote index).
    pub href: String,
}

/// A column of the coverage grid: one outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageColumn {
    pub label: String,
    pub href: String,
}

/// Which outlets carry which statements: a grid of statements by outlets, a filled
/// cell where the outlet carries the statement. `carries[row][column]`.
pub fn coverage_grid(
    id: &str,
    rows: &[CoverageRow],
    columns: &[CoverageColumn],
    carries: &[Vec<bool>],
) -> String {
    if rows.is_empty() || columns.is_empty() {
        return String::new();
    }
    const CELL: f64 = 26.0;
    const STEP: f64 = 32.0;
    const LABEL_W: f64 = 330.0;
    let header = 20.0
        + columns
            .iter()
            .map(|c| text_width(&truncate(&c.label, 24), 12.5) * 0.72)
            .fold(40.0, f64::max);
    let width = LABEL_W + columns.len() as f64 * STEP + 40.0;
    let height = header + rows.len() as f64 * STEP + 12.0;
    let carried: usize = carries.iter().flatten().filter(|&&c| c).count();
    let desc = format!(
        "A grid of {} statement{} reported by more than one outlet (rows) and {} outlet{} (columns). A filled square means the outlet carries the statement; {} of {} squares are filled.",
        rows.len(),
        plural(rows.len()),
        columns.len(),
        plural(columns.len()),
        carried,
        rows.len() * columns.len()
    );
    let mut out = String::new();
    svg_open(
        &mut out,
        id,
        width,
        height,
        "Which outlets carry which statements",
        &desc,
    );
    for (j, c) in columns.iter().enumerate() {
        let x = LABEL_W + j as f64 * STEP + STEP / 2.0;
        let y = header - 8.0;
        let _ = write!(
            out,
            "<a href=\"{}\"><text class=\"coverage-source\" x=\"{x:.1}\" y=\"{y:.1}\" transform=\"rotate(-45 {x:.1} {y:.1})\">{}</text></a>",
            escape(&c.href),
            escape(&truncate(&c.label, 24))
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = header + i as f64 * STEP;
        if i % 2 == 0 {
            let _ = write!(
                out,
                "<rect class=\"coverage-band\" x=\"0\" y=\"{:.1}\" width=\"{width:.0}\" height=\"{STEP}\"/>",
                y - 3.0
            );
        }
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}: “{}”</title><text class=\"coverage-label\" x=\"8\" y=\"{:.1}\">{}</text><text class=\"coverage-text\" x=\"8\" y=\"{:.1}\">“{}”</text></a>",
            escape(&r.href),
            escape(&r.label),
            escape(&r.text),
            y + 10.0,
            escape(&truncate(&r.label, 40)),
            y + 24.0,
            escape(&truncate(&r.text, 46))
        );
        for (j, c) in columns.iter().enumerate() {
            let yes = carries
                .get(i)
                .and_then(|row| row.get(j))
                .copied()
                .unwrap_or(false);
            let x = LABEL_W + j as f64 * STEP + (STEP - CELL) / 2.0;
            let _ = write!(
                out,
                "<rect class=\"coverage-cell{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{CELL}\" height=\"{CELL}\" rx=\"3\"><title>{} {} this statement</title></rect>",
                if yes { " coverage-cell--yes" } else { "" },
                escape(&c.label),
                if yes { "carries" } else { "does not carry" }
            );
        }
    }
    out.push_str("</svg>");
    let _ = write!(
        out,
        "<div class=\"visually-hidden\"><table><caption>Which outlets carry which statements</caption><thead><tr><th scope=\"col\">Statement</th>"
    );
    for c in columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&c.label));
    }
    out.push_str("</tr></thead><tbody>");
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}: “{}”</th>",
            escape(&r.label),
            escape(&r.text)
        );
        for j in 0..columns.len() {
            let yes = carries
                .get(i)
                .and_then(|row| row.get(j))
                .copied()
                .unwrap_or(false);
            out.push_str(if yes { "<td>yes</td>" } else { "<td>no</td>" });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`push_coord`] writes what `{:.1}` writes, over the coordinates charts use,
    /// negative, tiny and exact halves included.
    #[test]
    fn coordinates_are_written_as_the_standard_formatting_writes_them() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut values = vec![0.0, -0.0, 0.05, 0.15, 0.25, -0.25, 2.5, -0.04, 1e12, 99.95];
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 2_000_000) as f64 / 1000.0 - 500.0;
            values.push(v);
            values.push(v / 7.0);
            values.push((x % 20_000) as f64 / 20.0 - 500.0);
        }
        for v in values {
            let mut out = String::new();
            push_coord(&mut out, v);
            assert_eq!(out, format!("{v:.1}"), "{v}");
        }
    }

    /// Parses the markup as XML (wrapped in one root), failing on any malformation.
    fn assert_well_formed(markup: &str) {
        let doc = format!("<root>{markup}</root>");
        let mut reader = quick_xml::Reader::from_str(&doc);
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not well-formed: {e}\n{markup}"),
            }
        }
        assert_eq!(depth, 0, "unbalanced: {markup}");
    }

    fn accessible(markup: &str, id: &str) {
        assert!(markup.starts_with("<svg"), "{markup}");
        assert!(markup.contains(&format!(
            "role=\"img\" aria-labelledby=\"{id}-title {id}-desc\""
        )));
        assert!(markup.contains(&format!("<title id=\"{id}-title\">")));
        assert!(markup.contains(&format!("<desc id=\"{id}-desc\">")));
        assert!(markup.contains("<div class=\"visually-hidden\"><table>"));
        assert!(
            !markup.contains("fill=\""),
            "colours come from CSS: {markup}"
        );
    }

    fn nodes() -> Vec<GraphNode> {
        [
            ("Qassem Soleimani", "person", 20),
            ("Iraq", "place", 30),
            ("Tom & Jerry <Co>", "organization", 3),
        ]
        .iter()
        .map(|&(l, k, w)| GraphNode {
            label: l.to_string(),
            kind: k.to_string(),
            kind_label: k.to_string(),
            href: format!("/repo/entities/{}/", l.len()),
            weight: w,
        })
        .collect()
    }

    #[test]
    fn graph_is_accessible_escaped_and_deterministic() {
        let edges = [
            GraphEdge {
                a: 0,
                b: 1,
                weight: 5,
            },
            GraphEdge {
                a: 1,
                b: 2,
                weight: 1,
            },
        ];
        let text = GraphText {
            title: "Who appears with whom".into(),
            desc: "Three entities & their links".into(),
            caption: "Entities".into(),
        };
        let svg = entity_graph("graph", &text, &nodes(), &edges, None);
        accessible(&svg, "graph");
        assert_well_formed(&svg);
        assert!(svg.contains("Tom &amp; Jerry &lt;Co&gt;"), "{svg}");
        assert!(svg.contains("Three entities &amp; their links"));
        assert!(svg.contains("<a href=\"/repo/entities/16/\">"));
        assert!(svg.contains("data-kind=\"person\""));
        assert_eq!(svg, entity_graph("graph", &text, &nodes(), &edges, None));
        // Bigger weight, bigger circle.
        let r = |label: &str| -> f64 {
            let at = svg.find(&format!(">{label}</text>")).unwrap();
            let circle = svg[..at].rfind(" r=\"").unwrap();
            svg[circle + 4..]
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        };
        assert!(r("Iraq") > r("Qassem Soleimani"));
        // The table lists who appears with whom.
        assert!(svg.contains("<th scope=\"row\">Iraq</th><td>place</td><td>30</td><td>Qassem Soleimani (5), Tom &amp; Jerry &lt;Co&gt; (1)</td>"), "{svg}");
    }

    #[test]
    fn focused_graph_puts_the_entity_in_the_middle() {
        let text = GraphText {
            title: "Iraq and its connections".into(),
            desc: "d".into(),
            caption: "c".into(),
        };
        let edges = [GraphEdge {
            a: 1,
            b: 0,
            weight: 2,
        }];
        let svg = entity_graph("g", &text, &nodes(), &edges, Some(1));
        assert_well_formed(&svg);
        assert!(svg.contains("graph-node graph-node--focus"));
        assert!(svg.contains("graph-edge graph-edge--focus"));
        let width: f64 = svg
            .split("width=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let focus = svg.find("graph-node--focus").unwrap();
        let cx: f64 = svg[focus..]
            .split("cx=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((cx - width / 2.0).abs() < 0.1);
    }

    #[test]
    fn timeline_chart_has_bars_links_and_a_table() {
        let columns = vec![
            ChartColumn {
                label: ("2014".into(), String::new()),
                title: "2014".into(),
                href: "#d-2014".into(),
                events: 2,
                articles: 0,
                gap_before: false,
            },
            ChartColumn {
                label: ("5 Jan".into(), "2020".into()),
                title: "5 January 2020".into(),
                href: "#d-2020-01-05".into(),
                events: 4,
                articles: 5,
                gap_before: true,
            },
        ];
        let svg = timeline_chart("timeline-chart", &columns);
        accessible(&svg, "timeline-chart");
        assert_well_formed(&svg);
        assert!(svg.contains("<a class=\"chart-column\" href=\"#d-2020-01-05\">"));
        assert!(svg.contains("chart-break"));
        assert_eq!(
            svg.matches("chart-bar chart-bar--events").count(),
            3,
            "legend + 2 bars"
        );
        assert_eq!(
            svg.matches("chart-bar chart-bar--articles").count(),
            2,
            "legend + 1 bar"
        );
        assert!(svg.contains("<tr><th scope=\"row\">5 January 2020</th><td>4</td><td>5</td></tr>"));
        assert_eq!(timeline_chart("x", &[]), "");
    }

    #[test]
    fn coverage_grid_fills_cells_where_the_source_carries_it() {
        let rows = vec![CoverageRow {
            label: "№ 1 · Adel Abdul Mahdi".into(),
            text: "Despite the internal & external difficulties".into(),
            href: "#c-1".into(),
        }];
        let columns = vec![
            CoverageColumn {
                label: "AFP".into(),
                href: "/repo/sources/afp/".into(),
            },
            CoverageColumn {
                label: "Reuters".into(),
                href: "/repo/sources/reuters/".into(),
            },
        ];
        let svg = coverage_grid("coverage", &rows, &columns, &[vec![false, true]]);
        accessible(&svg, "coverage");
        assert_well_formed(&svg);
        assert_eq!(svg.matches("coverage-cell coverage-cell--yes").count(), 1);
        assert_eq!(svg.matches("class=\"coverage-cell\"").count(), 1);
        assert!(svg.contains("internal &amp; external"));
        assert!(svg.contains("<td>no</td><td>yes</td>"));
        assert_eq!(coverage_grid("c", &[], &columns, &[]), "");
    }

    #[test]
    fn truncates_long_labels() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a rather long label", 9), "a rather…");
    }
}
