//! The layout of the charts drawn at build time, as data for the templates.
//!
//! This module owns where things go in the three inline SVG charts (the timeline's bars,
//! the graph of who appears with whom, the coverage grid of which outlets carry which
//! statements) and what each one shows: coordinates, sizes, labels trimmed to fit,
//! links, counts and flags. It writes no markup and no wording: the components of
//! `templates/charts.html` (`timeline_chart`, `entity_graph`, `coverage_grid`) turn this
//! data into an `<svg role="img">` named by its `<title>` and described by its `<desc>`,
//! followed by a visually hidden table with the same data, and a theme can redraw or
//! reword them. Coordinates are given as text, as `{:.1}` writes them ([`coord`]), and
//! sizes of the whole picture as `{:.0}` does, so that a template prints them as they
//! are. Each chart carries its id (from [`super::ids`]), which the component gives the
//! picture, its title (`<id>-title`) and its description (`<id>-desc`).
//!
//! Layouts are deterministic: the same dossier draws the same picture, byte for byte.

use std::f64::consts::PI;
use std::fmt::Write;

use serde::Serialize;
use tera::Value;

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

/// A coordinate as text, as `{:.1}` writes it ("12.5").
pub fn coord(x: f64) -> String {
    let mut out = String::with_capacity(8);
    push_coord(&mut out, x);
    out
}

/// A point as text, its coordinates as `{:.1}` writes them, `x y` ("12.5 -3.0").
fn point(x: f64, y: f64) -> String {
    let mut out = String::with_capacity(16);
    push_coord(&mut out, x);
    out.push(' ');
    push_coord(&mut out, y);
    out
}

/// A size of a whole picture as text, as `{:.0}` writes it ("360").
fn whole(x: f64) -> String {
    format!("{x:.0}")
}

/// A layout constant as text, as `{}` writes it ("24", "17").
fn plain(x: f64) -> String {
    format!("{x}")
}

/// One column of the timeline chart, as the page gives it: a period, and what
/// happened in it.
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
#[derive(Debug, Serialize)]
pub struct TimelineChart {
    pub id: &'static str,
    /// The picture's size.
    pub width: String,
    pub height: String,
    /// The dated events and the articles, over all columns.
    pub events: usize,
    pub articles: usize,
    /// The legend's two swatches and their texts.
    pub legend: TimelineLegend,
    /// The axis: from `axis_x1` to `axis_x2` at `axis_y`, the bars' base.
    pub axis_x1: String,
    pub axis_x2: String,
    pub axis_y: String,
    /// The top of a column's area, its width and height (what a click hits).
    pub top: String,
    pub column_width: String,
    pub column_height: String,
    /// The width of a bar.
    pub bar_width: String,
    /// Where the axis breaks are drawn (the strokes' lower end).
    pub break_y: String,
    /// The baselines of the labels' first and second lines.
    pub label_y: String,
    pub minor_y: String,
    pub columns: Vec<TimelineColumn>,
}

/// The legend of the timeline chart: the left edges of the swatches and their texts.
#[derive(Debug, Serialize)]
pub struct TimelineLegend {
    pub events_x: String,
    pub events_text_x: String,
    pub articles_x: String,
    pub articles_text_x: String,
}

/// A period on the timeline chart.
#[derive(Debug, Serialize)]
pub struct TimelineColumn {
    /// The two short lines under the axis; the second may be empty.
    pub label: String,
    pub minor: String,
    /// The period in full.
    pub title: String,
    pub href: String,
    pub events: usize,
    pub articles: usize,
    /// Time passes between the previous column and this one: the axis is broken
    /// before it, at `break_x` and `x`.
    pub gap: bool,
    /// The column's left edge, and its middle (where its labels are centred).
    pub x: String,
    pub mid: String,
    pub break_x: String,
    /// A bar for the events and one for the articles, when there are any.
    pub bars: Vec<TimelineBar>,
}

/// A bar of the timeline chart, with its count written above it.
#[derive(Debug, Serialize)]
pub struct TimelineBar {
    /// `events` or `articles`.
    pub kind: &'static str,
    pub count: usize,
    pub x: String,
    pub y: String,
    pub height: String,
    /// Where its count is written (centred).
    pub count_x: String,
    pub count_y: String,
}

/// The timeline chart of `columns`, or nothing when there are none.
pub fn timeline_chart(id: &'static str, columns: Vec<ChartColumn>) -> Option<TimelineChart> {
    if columns.is_empty() {
        return None;
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
    let events = columns.iter().map(|c| c.events).sum();
    let articles = columns.iter().map(|c| c.articles).sum();
    let columns = columns
        .into_iter()
        .enumerate()
        .map(|(k, c)| {
            let x0 = PAD + k as f64 * COL;
            let mid = x0 + COL / 2.0;
            let bars = [
                ("events", c.events, -BAR - 1.0),
                ("articles", c.articles, 1.0),
            ]
            .into_iter()
            .filter(|&(_, n, _)| n > 0)
            .map(|(kind, n, dx)| {
                let h = (n as f64 / max * (PLOT - 18.0)).max(3.0);
                let x = mid + dx;
                TimelineBar {
                    kind,
                    count: n,
                    x: coord(x),
                    y: coord(base - h),
                    height: coord(h),
                    count_x: coord(x + BAR / 2.0),
                    count_y: coord(base - h - 4.0),
                }
            })
            .collect();
            let (label, minor) = c.label;
            TimelineColumn {
                label,
                minor,
                title: c.title,
                href: c.href,
                events: c.events,
                articles: c.articles,
                gap: c.gap_before && k > 0,
                x: coord(x0),
                mid: coord(mid),
                break_x: coord(x0 - 5.0),
                bars,
            }
        })
        .collect();
    Some(TimelineChart {
        id,
        width: whole(width),
        height: whole(height),
        events,
        articles,
        legend: TimelineLegend {
            events_x: plain(PAD),
            events_text_x: plain(PAD + 18.0),
            articles_x: plain(PAD + 140.0),
            articles_text_x: plain(PAD + 158.0),
        },
        axis_x1: plain(PAD),
        axis_x2: coord(width - PAD),
        axis_y: plain(base),
        top: plain(TOP),
        column_width: plain(COL),
        column_height: coord(PLOT + 48.0),
        bar_width: plain(BAR),
        break_y: coord(base + 6.0),
        label_y: coord(base + 17.0),
        minor_y: coord(base + 32.0),
        columns,
    })
}

/// An entity in a graph, as the page gives it.
#[derive(Debug, Clone)]
pub struct GraphNode<'a> {
    /// What the template shows of the entity (its summary: `name`, `kind`,
    /// `kind_label`, `href`, `mention_count`), passed through to it.
    pub entity: Value,
    pub label: &'a str,
    /// The entity kind (`person`, `place`...): nodes are grouped by it.
    pub kind: &'a str,
    /// The kind as a reader says it ("Person"), for the legend.
    pub kind_label: &'a str,
    /// Mentions: the node's size.
    pub weight: usize,
}

/// Two entities mentioned in the same paragraphs, `weight` times (`a` and `b` are
/// indices into the nodes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    pub a: usize,
    pub b: usize,
    pub weight: usize,
}

/// Who appears with whom: entities on a circle grouped by kind, sized by mentions,
/// joined by curves as thick as the number of paragraphs they share.
#[derive(Debug, Serialize)]
pub struct EntityGraph<'a> {
    pub id: &'static str,
    pub width: String,
    pub height: String,
    /// The node in the middle (an entity's page), or none (the home page).
    pub focus: Option<usize>,
    /// The heaviest link (the first of those as heavy, in node order).
    pub strongest: Option<GraphEdge>,
    /// In the order given.
    pub nodes: Vec<PlacedNode>,
    /// In the order they are drawn: the lightest first, the strongest on top.
    pub edges: Vec<PlacedEdge>,
    /// A swatch per kind present, in the order the kinds first appear.
    pub legend: Vec<LegendItem<'a>>,
    /// The nodes in the order the table lists them: the focus, then around the ring.
    pub table: Vec<usize>,
}

/// A node placed on the graph.
#[derive(Debug, Serialize)]
pub struct PlacedNode {
    pub entity: Value,
    /// Whether it is the node in the middle.
    pub focus: bool,
    /// The circle's centre and radius.
    pub x: String,
    pub y: String,
    pub r: String,
    /// The label (the name, trimmed to fit), where it starts and how it is anchored
    /// (`start`, `middle` or `end`).
    pub label: String,
    pub label_x: String,
    pub label_y: String,
    pub anchor: &'static str,
    /// The entities it is linked to, with the link's weight: the heaviest first, then
    /// by name.
    pub with: Vec<Link>,
}

/// The other end of a link, for the table.
#[derive(Debug, Serialize)]
pub struct Link {
    /// The entity there (the same value as its node's).
    pub entity: Value,
    pub weight: usize,
}

/// A link drawn as a quadratic curve from `from` to `to`, bowed towards the control
/// point `via`: each point is its two coordinates as text, `x y` ("310.2 135.3"), as
/// SVG paths and point lists take them.
#[derive(Debug, Serialize)]
pub struct PlacedEdge {
    /// The entities at its ends (the same values as their nodes').
    pub a: Value,
    pub b: Value,
    pub weight: usize,
    /// Whether it touches the node in the middle.
    pub focus: bool,
    pub from: String,
    pub via: String,
    pub to: String,
    /// The stroke's width.
    pub width: String,
}

/// A kind in the graph's legend: its swatch's centre and its text's start.
#[derive(Debug, Serialize)]
pub struct LegendItem<'a> {
    pub kind: &'a str,
    pub label: &'a str,
    pub x: String,
    pub y: String,
    pub text_x: String,
    pub text_y: String,
}

/// The graph of `nodes` and `edges`, or nothing without nodes. With `focus`, that
/// node sits in the middle (one entity and its connections).
pub fn entity_graph<'a>(
    id: &'static str,
    nodes: Vec<GraphNode<'a>>,
    edges: &[GraphEdge],
    focus: Option<usize>,
) -> Option<EntityGraph<'a>> {
    if nodes.is_empty() {
        return None;
    }
    const LABEL: f64 = 13.0;
    // Ring order: by kind in the order given, then by weight, each kind together.
    let mut kinds: Vec<(&'a str, &'a str)> = Vec::new();
    for n in &nodes {
        if !kinds.iter().any(|(k, _)| *k == n.kind) {
            kinds.push((n.kind, n.kind_label));
        }
    }
    let kind_rank: Vec<usize> = nodes
        .iter()
        .map(|n| kinds.iter().position(|(k, _)| *k == n.kind).unwrap_or(0))
        .collect();
    let mut ring: Vec<usize> = (0..nodes.len()).filter(|&i| Some(i) != focus).collect();
    ring.sort_by(|&x, &y| {
        kind_rank[x]
            .cmp(&kind_rank[y])
            .then_with(|| nodes[y].weight.cmp(&nodes[x].weight))
            .then_with(|| nodes[x].label.cmp(nodes[y].label))
    });
    let max_weight = nodes.iter().map(|n| n.weight).max().unwrap_or(1).max(1) as f64;
    let radius_of = |w: usize| 4.0 + 13.0 * (w as f64 / max_weight).sqrt();
    let labels: Vec<String> = nodes.iter().map(|n| truncate(n.label, 28)).collect();
    let longest = labels
        .iter()
        .map(|l| text_width(l, LABEL))
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
    // Edges: the lightest first, so the strongest are drawn on top.
    let max_edge = edges.iter().map(|e| e.weight).max().unwrap_or(1).max(1) as f64;
    let mut drawn: Vec<&GraphEdge> = edges
        .iter()
        .filter(|e| e.a < nodes.len() && e.b < nodes.len() && e.a != e.b)
        .collect();
    drawn.sort_by_key(|e| (e.weight, e.a.min(e.b), e.a.max(e.b)));
    let strongest = edges
        .iter()
        .filter(|e| e.a < nodes.len() && e.b < nodes.len())
        .min_by(|x, y| {
            y.weight
                .cmp(&x.weight)
                .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
        })
        .copied();
    let touches_focus = |e: &GraphEdge| focus.is_some_and(|f| f == e.a || f == e.b);
    let placed_edges = drawn
        .into_iter()
        .map(|e| {
            let (x1, y1) = pos[e.a];
            let (x2, y2) = pos[e.b];
            // Curves bow towards the centre, so chords between neighbours stay apart.
            let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
            let (qx, qy) = (mx + (cx - mx) * 0.45, my + (cy - my) * 0.45);
            PlacedEdge {
                a: nodes[e.a].entity.clone(),
                b: nodes[e.b].entity.clone(),
                weight: e.weight,
                focus: touches_focus(e),
                from: point(x1, y1),
                via: point(qx, qy),
                to: point(x2, y2),
                width: coord(1.0 + 4.0 * (e.weight as f64 / max_edge)),
            }
        })
        .collect();
    // Whom each node appears with, for the table: every edge, in the order given.
    let mut with: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nodes.len()];
    for e in edges {
        if e.a < nodes.len() && e.b < nodes.len() {
            with[e.a].push((e.b, e.weight));
            if e.a != e.b {
                with[e.b].push((e.a, e.weight));
            }
        }
    }
    let with: Vec<Vec<Link>> = with
        .into_iter()
        .map(|mut links| {
            links.sort_by(|x, y| {
                y.1.cmp(&x.1)
                    .then_with(|| nodes[x.0].label.cmp(nodes[y.0].label))
            });
            links
                .into_iter()
                .map(|(o, weight)| Link {
                    entity: nodes[o].entity.clone(),
                    weight,
                })
                .collect()
        })
        .collect();
    let placed_nodes = nodes
        .into_iter()
        .zip(labels)
        .zip(with)
        .enumerate()
        .map(|(i, ((n, label), with))| {
            let (x, y) = pos[i];
            let r = radius_of(n.weight);
            let (lx, ly, anchor) = if Some(i) == focus {
                (x, y + r + LABEL + 3.0, "middle")
            } else {
                let a = angle_of[i];
                let (c, s) = (a.cos(), a.sin());
                let d = r + 6.0;
                let anchor = if c >= 0.0 { "start" } else { "end" };
                (x + c * d, y + s * d + 4.5, anchor)
            };
            PlacedNode {
                entity: n.entity,
                focus: Some(i) == focus,
                x: coord(x),
                y: coord(y),
                r: coord(r),
                label,
                label_x: coord(lx),
                label_y: coord(ly),
                anchor,
                with,
            }
        })
        .collect();
    // Legend: one swatch per kind present, centred under the graph.
    let legend_y = height - 16.0;
    let legend_w: f64 = kinds
        .iter()
        .map(|(_, l)| 22.0 + text_width(l, 13.0) + 14.0)
        .sum();
    let mut lx = (width - legend_w).max(0.0) / 2.0;
    let legend = kinds
        .iter()
        .map(|&(kind, label)| {
            let item = LegendItem {
                kind,
                label,
                x: coord(lx + 6.0),
                y: coord(legend_y - 4.0),
                text_x: coord(lx + 16.0),
                text_y: coord(legend_y),
            };
            lx += 22.0 + text_width(label, 13.0) + 14.0;
            item
        })
        .collect();
    Some(EntityGraph {
        id,
        width: whole(width),
        height: whole(height),
        focus,
        strongest,
        nodes: placed_nodes,
        edges: placed_edges,
        legend,
        table: focus.into_iter().chain(ring).collect(),
    })
}

/// A row of the coverage grid, as the page gives it: one widely reported statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// Short label ("№ 1 · Adel Abdul Mahdi").
    pub label: String,
    /// The statement's words.
    pub text: String,
    /// Where the row links to (the statement on the quote index).
    pub href: String,
}

/// A column of the coverage grid, as the page gives it: one outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageColumn {
    pub label: String,
    pub href: String,
}

/// Which outlets carry which statements: a grid of statements (rows) by outlets
/// (columns), a filled cell where the outlet carries the statement.
#[derive(Debug, Serialize)]
pub struct CoverageGrid {
    pub id: &'static str,
    pub width: String,
    pub height: String,
    /// How many cells are filled, of `cells`.
    pub carried: usize,
    pub cells: usize,
    /// The height of a row (and of its band), and the side of a cell.
    pub row_height: String,
    pub cell: String,
    pub columns: Vec<GridColumn>,
    pub rows: Vec<GridRow>,
}

/// An outlet: its name written slanting up from (`x`, `y`), and where its cells start.
#[derive(Debug, Serialize)]
pub struct GridColumn {
    pub label: String,
    /// The name trimmed to fit.
    pub short: String,
    pub href: String,
    pub x: String,
    pub y: String,
    pub cell_x: String,
}

/// A statement: its label and words (in full and trimmed to fit), and a cell per
/// outlet.
#[derive(Debug, Serialize)]
pub struct GridRow {
    pub label: String,
    pub short_label: String,
    pub text: String,
    pub short_text: String,
    pub href: String,
    /// Every other row has a band behind it, from `band_y`.
    pub band: bool,
    pub band_y: String,
    /// The top of its cells, and the baselines of its label and words.
    pub y: String,
    pub label_y: String,
    pub text_y: String,
    /// Whether each outlet, in column order, carries the statement.
    pub carries: Vec<bool>,
}

/// The coverage grid: `carries[row][column]` tells whether the outlet carries the
/// statement (missing cells do not). Nothing without rows or columns.
pub fn coverage_grid(
    id: &'static str,
    rows: Vec<CoverageRow>,
    columns: Vec<CoverageColumn>,
    carries: &[Vec<bool>],
) -> Option<CoverageGrid> {
    if rows.is_empty() || columns.is_empty() {
        return None;
    }
    const CELL: f64 = 26.0;
    const STEP: f64 = 32.0;
    const LABEL_W: f64 = 330.0;
    let shorts: Vec<String> = columns.iter().map(|c| truncate(&c.label, 24)).collect();
    let header = 20.0
        + shorts
            .iter()
            .map(|s| text_width(s, 12.5) * 0.72)
            .fold(40.0, f64::max);
    let width = LABEL_W + columns.len() as f64 * STEP + 40.0;
    let height = header + rows.len() as f64 * STEP + 12.0;
    let (n_rows, n_columns) = (rows.len(), columns.len());
    let columns: Vec<GridColumn> = columns
        .into_iter()
        .zip(shorts)
        .enumerate()
        .map(|(j, (c, short))| GridColumn {
            label: c.label,
            short,
            href: c.href,
            x: coord(LABEL_W + j as f64 * STEP + STEP / 2.0),
            y: coord(header - 8.0),
            cell_x: coord(LABEL_W + j as f64 * STEP + (STEP - CELL) / 2.0),
        })
        .collect();
    let mut carried = 0;
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let y = header + i as f64 * STEP;
            let row = carries.get(i);
            let carries: Vec<bool> = (0..n_columns)
                .map(|j| row.and_then(|row| row.get(j)).copied().unwrap_or(false))
                .collect();
            carried += carries.iter().filter(|&&c| c).count();
            GridRow {
                short_label: truncate(&r.label, 40),
                short_text: truncate(&r.text, 46),
                label: r.label,
                text: r.text,
                href: r.href,
                band: i % 2 == 0,
                band_y: coord(y - 3.0),
                y: coord(y),
                label_y: coord(y + 10.0),
                text_y: coord(y + 24.0),
                carries,
            }
        })
        .collect();
    Some(CoverageGrid {
        id,
        width: whole(width),
        height: whole(height),
        carried,
        cells: n_rows * n_columns,
        row_height: plain(STEP),
        cell: plain(CELL),
        columns,
        rows,
    })
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
            assert_eq!(coord(v), format!("{v:.1}"), "{v}");
        }
        assert_eq!(point(310.25, -0.04), format!("{:.1} {:.1}", 310.25, -0.04));
    }

    /// Renders `component` of the built-in `charts.html` with `data` as its argument
    /// `arg`, escaped as the theme's pages are.
    fn render(component: &str, arg: &str, data: &impl Serialize) -> String {
        let charts = super::super::theme::THEME_TEMPLATES
            .get_file("charts.html")
            .and_then(|f| f.contents_utf8())
            .expect("built-in charts.html");
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html"]);
        let page = format!("{{{{ <{component} {arg}={{data}} /> }}}}");
        tera.add_raw_templates([("charts.html", charts), ("page.html", page.as_str())])
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("data", data);
        tera.render("page.html", &context).unwrap()
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

    /// The picture is named and described, its data is in a hidden table, and nothing
    /// in it is coloured or spaced out.
    fn accessible(markup: &str, id: &str) {
        assert!(markup.starts_with("<svg"), "{markup}");
        assert!(markup.contains(&format!(
            "role=\"img\" aria-labelledby=\"{id}-title {id}-desc\""
        )));
        assert!(markup.contains(&format!("<title id=\"{id}-title\">")));
        assert!(markup.contains(&format!("<desc id=\"{id}-desc\">")));
        assert!(markup.contains("</svg><div class=\"visually-hidden\"><table>"));
        assert!(markup.ends_with("</tbody></table></div>"), "{markup}");
        assert!(!markup.contains('\n'), "compact: {markup}");
        assert!(
            !markup.contains("fill=\""),
            "colours come from CSS: {markup}"
        );
        assert_well_formed(markup);
    }

    fn nodes() -> Vec<GraphNode<'static>> {
        [
            ("Qassem Soleimani", "person", "Person", 20),
            ("Iraq", "place", "Place", 30),
            ("Tom & Jerry <Co>", "organization", "Organization", 3),
        ]
        .into_iter()
        .map(|(label, kind, kind_label, weight)| GraphNode {
            entity: Value::from_serializable(&serde_json::json!({
                "name": label,
                "kind": kind,
                "kind_label": kind_label,
                "href": format!("/repo/entities/{}/", label.len()),
                "mention_count": weight,
            })),
            label,
            kind,
            kind_label,
            weight,
        })
        .collect()
    }

    fn edges() -> [GraphEdge; 2] {
        [
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
        ]
    }

    #[test]
    fn graph_layout_sizes_nodes_by_weight_and_lists_links() {
        let g = entity_graph("graph", nodes(), &edges(), None).unwrap();
        // Bigger weight, bigger circle.
        let r = |i: usize| g.nodes[i].r.parse::<f64>().unwrap();
        assert!(r(1) > r(0) && r(0) > r(2));
        // Drawn lightest first; the strongest link named for the description.
        assert_eq!(g.edges.iter().map(|e| e.weight).collect::<Vec<_>>(), [1, 5]);
        assert_eq!(g.strongest, Some(edges()[0]));
        assert!(g.edges.iter().all(|e| !e.focus));
        // A swatch per kind, in the order the kinds first appear.
        let kinds: Vec<&str> = g.legend.iter().map(|k| k.label).collect();
        assert_eq!(kinds, ["Person", "Place", "Organization"]);
        // Whom each appears with: the heaviest first.
        let name = |v: &Value| serde_json::to_value(v).unwrap()["name"].clone();
        let with: Vec<(serde_json::Value, usize)> = g.nodes[1]
            .with
            .iter()
            .map(|l| (name(&l.entity), l.weight))
            .collect();
        assert_eq!(
            with,
            [
                ("Qassem Soleimani".into(), 5),
                ("Tom & Jerry <Co>".into(), 1)
            ]
        );
        assert_eq!(g.table.len(), 3);
        // The same dossier draws the same picture.
        let again = entity_graph("graph", nodes(), &edges(), None).unwrap();
        assert_eq!(
            render("entity_graph", "graph", &g),
            render("entity_graph", "graph", &again)
        );
        assert!(entity_graph("graph", Vec::new(), &[], None).is_none());
    }

    #[test]
    fn graph_is_drawn_accessible_and_escaped() {
        let g = entity_graph("graph", nodes(), &edges(), None).unwrap();
        let svg = render("entity_graph", "graph", &g);
        accessible(&svg, "graph");
        assert!(svg.contains("<title id=\"graph-title\">Who appears with whom</title>"));
        assert!(
            svg.contains("The 3 most mentioned entities as circles"),
            "{svg}"
        );
        assert!(
            svg.contains(
                "The strongest link is between Qassem Soleimani and Iraq (5 paragraphs).</desc>"
            ),
            "{svg}"
        );
        assert!(svg.contains("Tom &amp; Jerry &lt;Co&gt;"), "{svg}");
        assert!(svg.contains(
            "<a href=\"/repo/entities/16/\"><title>Qassem Soleimani: Person, 20 mentions</title>"
        ));
        assert!(svg.contains("data-kind=\"person\""));
        assert!(svg.contains("<title>Qassem Soleimani and Iraq: 5 paragraphs together</title>"));
        assert!(
            svg.contains(
                "<title>Iraq and Tom &amp; Jerry &lt;Co&gt;: 1 paragraph together</title>"
            )
        );
        // The table lists who appears with whom.
        assert!(svg.contains("<th scope=\"row\">Iraq</th><td>Place</td><td>30</td><td>Qassem Soleimani (5), Tom &amp; Jerry &lt;Co&gt; (1)</td>"), "{svg}");
        let alone = entity_graph("graph", nodes(), &[], None).unwrap();
        let svg = render("entity_graph", "graph", &alone);
        assert!(svg.contains("<td>nobody</td>"), "{svg}");
        assert!(!svg.contains("The strongest link"), "{svg}");
    }

    #[test]
    fn focused_graph_puts_the_entity_in_the_middle() {
        let edges = [GraphEdge {
            a: 1,
            b: 0,
            weight: 2,
        }];
        let g = entity_graph("g", nodes(), &edges, Some(1)).unwrap();
        let width: f64 = g.width.parse().unwrap();
        let cx: f64 = g.nodes[1].x.parse().unwrap();
        assert!((cx - width / 2.0).abs() < 0.1);
        assert!(g.nodes[1].focus && g.edges[0].focus);
        assert_eq!(g.nodes[1].anchor, "middle");
        assert_eq!(g.table[0], 1, "the focus heads the table");
        let svg = render("entity_graph", "graph", &g);
        accessible(&svg, "g");
        assert!(svg.contains("<title id=\"g-title\">Iraq and who appears with them</title>"));
        assert!(svg.contains("Iraq in the middle, with the 2 entities most often mentioned"));
        assert!(svg.contains(
            "<caption>Iraq and the entities mentioned with them (paragraphs shared)</caption>"
        ));
        assert!(svg.contains("graph-node graph-node--focus"));
        assert!(svg.contains("graph-edge graph-edge--focus"));
    }

    fn columns() -> Vec<ChartColumn> {
        vec![
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
        ]
    }

    #[test]
    fn timeline_chart_has_bars_for_what_happened() {
        let chart = timeline_chart("timeline-chart", columns()).unwrap();
        assert_eq!((chart.events, chart.articles), (6, 5));
        assert_eq!(chart.width, "360");
        let [first, second] = &chart.columns[..] else {
            panic!("two columns")
        };
        assert!(!first.gap && second.gap);
        assert_eq!(first.bars.len(), 1, "no bar for no articles");
        assert_eq!(second.bars.len(), 2);
        // The tallest bar reaches the top of the plot.
        assert_eq!(second.bars[1].height, "112.0");
        assert!(timeline_chart("x", Vec::new()).is_none());
    }

    #[test]
    fn timeline_chart_is_drawn_with_links_and_a_table() {
        let chart = timeline_chart("timeline-chart", columns()).unwrap();
        let svg = render("timeline_chart", "chart", &chart);
        accessible(&svg, "timeline-chart");
        assert!(svg.contains(
            "6 dated events and 5 articles over 2 periods, from 2014 to 5 January 2020."
        ));
        assert!(svg.contains("<a class=\"chart-column\" href=\"#d-2020-01-05\"><title>5 January 2020: 4 events, 5 articles</title>"));
        assert_eq!(svg.matches("chart-break").count(), 1);
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
        assert_eq!(svg.matches("chart-label--minor").count(), 1);
        assert!(svg.contains("<tr><th scope=\"row\">5 January 2020</th><td>4</td><td>5</td></tr>"));
    }

    fn grid() -> CoverageGrid {
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
        coverage_grid("coverage", rows, columns, &[vec![false, true]]).unwrap()
    }

    #[test]
    fn coverage_grid_marks_the_cells_where_the_source_carries_it() {
        let g = grid();
        assert_eq!(g.rows[0].carries, [false, true]);
        assert_eq!((g.carried, g.cells), (1, 2));
        assert!(g.rows[0].band);
        // A missing cell is not carried.
        let short = coverage_grid(
            "c",
            vec![CoverageRow {
                label: "l".into(),
                text: "t".into(),
                href: "#c-1".into(),
            }],
            vec![CoverageColumn {
                label: "AFP".into(),
                href: "/afp/".into(),
            }],
            &[],
        )
        .unwrap();
        assert_eq!(short.rows[0].carries, [false]);
        assert!(coverage_grid("c", Vec::new(), Vec::new(), &[]).is_none());
    }

    #[test]
    fn coverage_grid_is_drawn_with_filled_cells_and_a_table() {
        let svg = render("coverage_grid", "grid", &grid());
        accessible(&svg, "coverage");
        assert_eq!(svg.matches("coverage-cell coverage-cell--yes").count(), 1);
        assert_eq!(svg.matches("class=\"coverage-cell\"").count(), 1);
        assert!(svg.contains("<title>Reuters carries this statement</title>"));
        assert!(svg.contains("<title>AFP does not carry this statement</title>"));
        assert!(svg.contains("internal &amp; external"));
        assert!(svg.contains("1 of 2 squares are filled"));
        assert!(svg.contains("<td>no</td><td>yes</td>"));
    }

    #[test]
    fn truncates_long_labels() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a rather long label", 9), "a rather…");
    }
}
