//! Drawing the map: ratatui's world outline on a canvas, a marker for each
//! located item with a short label where it fits (several in one cell
//! become their count), the selection and what links to it lit, and a
//! strip listing what has no coordinates.

use super::text::truncate;
use super::theme::Theme;
use crate::briefing::{Briefing, ItemRef};
use crate::pictures::map::{Bounds, MapView};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::widgets::Widget;
use ratatui::widgets::canvas::{Canvas, Map, MapResolution};

/// What a marker says: an event its place, an actor its name.
pub fn label(b: &Briefing, r: ItemRef) -> String {
    match r.kind {
        crate::briefing::Kind::Event => b.events[r.index]
            .location
            .as_deref()
            .map_or_else(|| b.name(r), String::from),
        _ => b.name(r),
    }
}

/// A short label: the name up to its first comma, at most 18 columns.
fn short(name: &str) -> String {
    truncate(name.split(',').next().unwrap_or(name).trim(), 18)
}

/// Draws the outline and the markers into `area` of `buf`. `lit` says
/// which items are linked to the selection.
pub fn draw_map(
    buf: &mut Buffer,
    area: Rect,
    label: &dyn Fn(ItemRef) -> String,
    m: &MapView,
    selected: Option<ItemRef>,
    lit: &dyn Fn(ItemRef) -> bool,
    theme: &Theme,
) {
    let bounds: Bounds = m.bounds;
    let (w, h) = (area.width, area.height);
    let bins = m.bins(w, h);
    // The selection is the map's own marker, unless a key outside the map
    // moved it: only then is it looked for.
    let sel_cell = (m.selected().map(|l| l.item) == selected && selected.is_some())
        .then_some(m.cursor)
        .or_else(|| m.located.iter().position(|l| Some(l.item) == selected))
        .and_then(|n| {
            let l = m.located[n];
            bounds.cell(l.lon, l.lat, w, h).map(|c| (c, n))
        });
    let outline = if theme.color {
        Color::DarkGray
    } else {
        Color::Reset
    };
    Canvas::default()
        .x_bounds(bounds.x)
        .y_bounds(bounds.y)
        .paint(|ctx| {
            // At the scale of the world the fine outline is finer than a
            // cell: the coarse one looks the same for a fraction of the work.
            let resolution = if bounds.x[1] - bounds.x[0] > 120.0 {
                MapResolution::Low
            } else {
                MapResolution::High
            };
            ctx.draw(&Map {
                color: outline,
                resolution,
            });
        })
        .render(area, buf);
    // The outline is coasts only (ratatui's data has no borders): degrees
    // along the edges give an inland view its bearings.
    graticule(buf, area, bounds, theme);
    // Markers and labels straight into the cells the canvas would use, so
    // a label never covers another marker; the selection last, on top.
    let mut taken = vec![false; w as usize * h as usize];
    for ((x, y), _) in bins.iter() {
        taken[*y as usize * w as usize + *x as usize] = true;
    }
    let order = bins
        .iter()
        .filter(|(c, _)| sel_cell.is_none_or(|(s, _)| s != *c))
        .copied()
        .chain(sel_cell.map(|(c, n)| (c, (1, n))));
    for ((x, y), (count, n)) in order {
        let l = m.located[n];
        let sel = Some(l.item) == selected;
        let style = if sel {
            theme.selected(true)
        } else if lit(l.item) {
            theme.related()
        } else {
            theme.label()
        };
        let (ax, ay) = (area.x + x, area.y + y);
        if count > 1 && !sel {
            let t = if count > 99 {
                "99+".to_string()
            } else {
                count.to_string()
            };
            buf.set_string(ax, ay, &t, style);
            continue;
        }
        buf.set_string(ax, ay, if sel { "◉" } else { "●" }, style);
        let label = short(&label(l.item));
        let room = (w - x - 1) as usize;
        let start = y as usize * w as usize + x as usize + 1;
        let free = (0..label.chars().count().min(room)).all(|i| !taken[start + i]);
        if (free || sel) && room > 2 {
            let text = format!(" {}", truncate(&label, room.saturating_sub(1)));
            buf.set_string(ax + 1, ay, &text, style);
            for i in 0..text.chars().count().min(room) {
                taken[start + i] = true;
            }
        }
    }
}

/// A step in degrees that puts three to six lines across `span`.
fn step_for(span: f64) -> f64 {
    [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 45.0, 90.0]
        .into_iter()
        .find(|s| span / s <= 6.0)
        .unwrap_or(90.0)
}

/// Longitudes along the bottom edge and latitudes along the left, dimmed.
fn graticule(buf: &mut Buffer, area: Rect, bounds: Bounds, theme: &Theme) {
    let (w, h) = (area.width, area.height);
    if w < 20 || h < 6 {
        return;
    }
    let [left, right] = bounds.x;
    let [bottom, top] = bounds.y;
    let style = theme.dim();
    let lon_step = step_for(right - left);
    let mut lon = (left / lon_step).ceil() * lon_step;
    let mut free_from = 0u16;
    while lon <= right {
        if let Some((x, _)) = bounds.cell(lon, bottom, w, h) {
            let t = degrees(lon, 'E', 'W');
            let len = t.chars().count() as u16;
            if x >= free_from && x + len <= w {
                buf.set_string(area.x + x, area.y + h - 1, &t, style);
                free_from = x + len + 2;
            }
        }
        lon += lon_step;
    }
    let lat_step = step_for((top - bottom) * 2.0);
    let mut lat = (bottom / lat_step).ceil() * lat_step;
    while lat <= top {
        if let Some((_, y)) = bounds.cell(left, lat, w, h)
            && y + 1 < h
        {
            buf.set_string(area.x, area.y + y, degrees(lat, 'N', 'S'), style);
        }
        lat += lat_step;
    }
}

/// `70°E`, `12°S`, `0°`.
fn degrees(v: f64, plus: char, minus: char) -> String {
    let n = v.round() as i64;
    match n.signum() {
        0 => "0°".into(),
        1 => format!("{n}°{plus}"),
        _ => format!("{}°{minus}", -n),
    }
}

/// The map in the reader: `selected` and what `lit` says is linked to it
/// stand out.
pub fn render(
    frame: &mut Frame,
    b: &Briefing,
    selected: Option<ItemRef>,
    lit: &dyn Fn(ItemRef) -> bool,
    m: &MapView,
    theme: &Theme,
    area: Rect,
) {
    let title = format!(
        " Map · {} located · {} without coordinates ",
        m.located.len(),
        m.unlocated.len()
    );
    let inner = super::framed(frame, area, &title, theme.border(true));
    // The strip of what is not on the map: beside it when wide, else below.
    // What has no place: its name and the place it names, if any.
    let entry = |r: &ItemRef| {
        let place = match r.kind {
            crate::briefing::Kind::Actor => b.actors[r.index].location.as_deref(),
            _ => b.events[r.index].location.as_deref(),
        };
        match place {
            Some(p) => format!("{} ({p})", b.name(*r)),
            None => b.name(*r),
        }
    };
    // As wide as what it lists (from 24 columns up to a third of the view).
    let widest = m
        .unlocated
        .iter()
        .take(inner.height as usize)
        .map(|r| unicode_width::UnicodeWidthStr::width(entry(r).as_str()))
        .max()
        .unwrap_or(0);
    let strip_w = if inner.width >= 70 {
        (widest as u16 + 1).clamp(24, inner.width / 3)
    } else {
        0
    };
    let (map_area, strip) = if strip_w > 0 {
        (
            Rect::new(inner.x, inner.y, inner.width - strip_w, inner.height),
            Rect::new(
                inner.x + inner.width - strip_w,
                inner.y,
                strip_w,
                inner.height,
            ),
        )
    } else {
        let h = 2.min(inner.height);
        (
            Rect::new(inner.x, inner.y, inner.width, inner.height - h),
            Rect::new(inner.x, inner.y + inner.height - h, inner.width, h),
        )
    };
    if m.located.is_empty() {
        let msg =
            "Nothing here has coordinates: give a `location` its `lat` and `lon` (docs/format.md)";
        super::nothing_to_draw(frame, map_area, theme, msg);
    } else {
        let words = |r: ItemRef| label(b, r);
        draw_map(
            frame.buffer_mut(),
            map_area,
            &words,
            m,
            selected,
            lit,
            theme,
        );
    }
    let mut lines = vec![Line::from(Span::styled(
        format!("Not on the map ({})", m.unlocated.len()),
        theme.section(),
    ))];
    let room = strip.height.saturating_sub(1) as usize;
    let w = strip.width as usize;
    if strip_w == 0 {
        let names: Vec<String> = m.unlocated.iter().take(20).map(|r| b.name(*r)).collect();
        lines = vec![Line::from(Span::styled(
            truncate(
                &format!(
                    "Not on the map ({}): {}",
                    m.unlocated.len(),
                    names.join(" · ")
                ),
                w,
            ),
            theme.dim(),
        ))];
    } else {
        for r in m.unlocated.iter().take(room.saturating_sub(1)) {
            lines.push(Line::from(Span::styled(
                truncate(&entry(r), w),
                theme.dim(),
            )));
        }
        if m.unlocated.len() > room.saturating_sub(1) && room > 0 {
            lines.push(Line::from(Span::styled(
                format!("… and {} more", m.unlocated.len() - room.saturating_sub(1)),
                theme.dim(),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines).style(Style::new()), strip);
}

/// The map as lines of text, for the "Where" slide.
pub fn lines(
    label: &dyn Fn(ItemRef) -> String,
    m: &MapView,
    width: u16,
    height: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let area = Rect::new(0, 0, width.max(10), height.max(4));
    let mut buf = Buffer::empty(area);
    draw_map(&mut buf, area, label, m, None, &|_| false, theme);
    (0..area.height)
        .map(|y| {
            let spans: Vec<Span<'static>> = (0..area.width)
                .map(|x| {
                    let c = &buf[(x, y)];
                    Span::styled(c.symbol().to_string(), c.style())
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}
