//! The model as an entry holds it: everything but the timeline in one
//! part, then the timeline in parts of [`PART`] events, each framed by its
//! length and event count. A hit decodes the parts on every core, each
//! core writing its events straight into their places in the one timeline
//! and checking their strings while they are still in its cache: decoding
//! the timeline was a hit's longest single-threaded step (a 100,000-event
//! briefing's 32 MB of events, in one `Vec` grown by copying as it filled).

use super::Kept;
use crate::briefing::clean_strings::all_clean;
use crate::briefing::model::{Briefing, Event};
use serde::de::{DeserializeSeed, Error as _, SeqAccess, Visitor};
use std::mem::MaybeUninit;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Events in a part of the timeline: enough that a part is much work, few
/// enough that the parts share out evenly between cores.
const PART: usize = 4096;

/// Appends the stored model of `b`, with its warnings, to `out`.
pub(super) fn put(out: &mut Vec<u8>, b: &Briefing, kept: &[Kept]) -> Result<(), postcard::Error> {
    framed(out, 0, |out| {
        postcard::to_extend(&(b, kept), std::mem::take(out))
    })?;
    for part in b.events.chunks(PART) {
        framed(out, part.len(), |out| {
            postcard::to_extend(part, std::mem::take(out))
        })?;
    }
    Ok(())
}

/// Writes a frame's head (its event count and length) and its body.
fn framed(
    out: &mut Vec<u8>,
    count: usize,
    body: impl FnOnce(&mut Vec<u8>) -> Result<Vec<u8>, postcard::Error>,
) -> Result<(), postcard::Error> {
    out.extend((count as u64).to_le_bytes());
    let len_at = out.len();
    out.extend(0u64.to_le_bytes());
    *out = body(out)?;
    let len = (out.len() - len_at - 8) as u64;
    out[len_at..len_at + 8].copy_from_slice(&len.to_le_bytes());
    Ok(())
}

/// A part as found in an entry: its event count and bytes.
struct Frame<'a> {
    count: usize,
    bytes: &'a [u8],
}

/// The frames of `data`, when they fill it exactly.
fn frames(mut data: &[u8]) -> Option<Vec<Frame<'_>>> {
    let mut frames = Vec::new();
    while !data.is_empty() {
        let (count, rest) = data.split_first_chunk::<8>()?;
        let (len, rest) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (bytes, rest) = rest.split_at_checked(len)?;
        let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
        frames.push(Frame { count, bytes });
        data = rest;
    }
    Some(frames)
}

/// The model and warnings stored in `data`, when every part decodes and
/// every string in them is as a fresh load leaves it.
pub(super) fn take(data: &[u8]) -> Option<(Briefing, Vec<Kept>)> {
    // A small entry decodes in less time than a thread takes to start.
    let cores = if data.len() < ON_CORES_FROM {
        1
    } else {
        crate::cores::count()
    };
    take_on(data, cores)
}

/// From this many bytes an entry is decoded on every core.
const ON_CORES_FROM: usize = 1024 * 1024;

/// [`take`] on up to `cores` cores.
fn take_on(data: &[u8], cores: usize) -> Option<(Briefing, Vec<Kept>)> {
    let frames = frames(data)?;
    let (first, timeline) = frames.split_first()?;
    if first.count != 0 || timeline.iter().any(|f| f.count == 0 || f.count > PART) {
        return None;
    }
    let total: usize = timeline.iter().map(|f| f.count).sum();
    let mut events: Vec<Event> = Vec::new();
    events.try_reserve_exact(total).ok()?;
    // Each frame is handed the places its events go, and taken by whichever
    // core is free next, the first frame (everything but the timeline, the
    // most work) first: stretches of equal bytes for each core left one
    // core 19 ms behind the other on a 100,000-event hit.
    let mut places = &mut events.spare_capacity_mut()[..total];
    let mut slots = Vec::with_capacity(frames.len());
    for frame in &frames {
        let (mine, rest) = std::mem::take(&mut places).split_at_mut(frame.count);
        places = rest;
        let filled = Filled {
            places: mine,
            done: 0,
        };
        slots.push(Mutex::new(Some((frame, filled))));
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let workers = cores.clamp(1, frames.len());
    let decoded = crate::cores::each(vec![(); workers], |()| {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let Some(slot) = slots.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return Some(done);
            };
            let (frame, mut filled) = slot.lock().ok()?.take()?;
            match decode(frame, &mut filled) {
                Some(rest) => done.push((rest, filled)),
                None => break,
            }
        }
        failed.store(true, Ordering::Relaxed);
        None
    });
    // Frames no core took (after a failure) hold no events.
    drop(slots);
    let mut rest = None;
    let mut frames_done = Vec::with_capacity(frames.len());
    let mut all = true;
    for part in decoded {
        match part {
            Some(done) => {
                for (r, filled) in done {
                    rest = rest.or(r);
                    all &= filled.done == filled.places.len();
                    frames_done.push(filled);
                }
            }
            // The core dropped the events of the frame it failed on.
            None => all = false,
        }
    }
    all &= frames_done.len() == frames.len();
    // On any failure the frames decoded drop their events here.
    let (mut b, kept) = rest.filter(|_| all)?;
    // Every place is filled: `events` owns them from here.
    frames_done.into_iter().for_each(std::mem::forget);
    // SAFETY: every frame filled all its places (`all`), and the frames'
    // places are the first `total` places of `events`, one after another.
    unsafe { events.set_len(total) };
    b.events = events;
    Some((b, kept))
}

/// Decodes `frame` into `filled`, its strings checked once it is in place;
/// the model's first frame, everything but the timeline, is returned.
fn decode(frame: &Frame, filled: &mut Filled) -> Option<Option<(Briefing, Vec<Kept>)>> {
    if frame.count == 0 {
        let (b, kept): (Briefing, Vec<Kept>) = postcard::from_bytes(frame.bytes).ok()?;
        return all_clean(&b).then_some(Some((b, kept)));
    }
    let mut de = postcard::Deserializer::from_bytes(frame.bytes);
    Placing(filled).deserialize(&mut de).ok()?;
    if !de.finalize().ok()?.is_empty() || filled.done != frame.count {
        return None;
    }
    all_clean(filled.events()).then_some(None)
}

/// A frame's places in the timeline, the first `done` of them filled:
/// one dropped before it is handed over drops the events it placed.
struct Filled<'a> {
    places: &'a mut [MaybeUninit<Event>],
    done: usize,
}

impl Filled<'_> {
    fn events(&self) -> &[Event] {
        // SAFETY: the first `done` places are filled (`Placing` counts each
        // event it writes), and MaybeUninit<Event> is laid out as Event.
        unsafe { std::slice::from_raw_parts(self.places.as_ptr().cast::<Event>(), self.done) }
    }
}

impl Drop for Filled<'_> {
    fn drop(&mut self) {
        for place in &mut self.places[..self.done] {
            // SAFETY: the first `done` places are filled, each dropped once.
            unsafe { place.assume_init_drop() };
        }
    }
}

/// A part of the timeline decoded into the next places of a share.
struct Placing<'s, 'a>(&'s mut Filled<'a>);

impl<'de> DeserializeSeed<'de> for Placing<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Placing<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a part of the timeline")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(event) = seq.next_element::<Event>()? {
            let Some(place) = self.0.places.get_mut(self.0.done) else {
                return Err(A::Error::custom("more events than the entry said"));
            };
            place.write(event);
            self.0.done += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A briefing of `n` events, loaded afresh.
    fn briefing(n: usize) -> Briefing {
        let yaml = crate::synth::briefing_yaml(n);
        crate::briefing::load::load_str(&yaml, "b.yaml", "b.yaml".into())
            .briefing
            .expect("a clean briefing")
    }

    fn stored(b: &Briefing) -> Vec<u8> {
        let mut out = Vec::new();
        put(&mut out, b, &[]).unwrap();
        out
    }

    #[test]
    fn a_timeline_of_several_parts_comes_back_as_it_was_stored() {
        for n in [0, 1, PART, PART + 1, 3 * PART + 17] {
            let b = briefing(n);
            let data = stored(&b);
            assert_eq!(frames(&data).unwrap().len(), 1 + n.div_ceil(PART), "{n}");
            for cores in [2, 3, 4] {
                let (back, _) = take_on(&data, cores).expect("decodes");
                assert!(back.events == b.events, "{n} events on {cores} cores");
            }
            let (back, kept) = take_on(&data, 1).expect("decodes");
            assert!(kept.is_empty());
            assert!(back.events == b.events, "{n} events");
            assert!(
                back.actors == b.actors && back.sources == b.sources,
                "{n} events"
            );
            assert!(back.backlinks == b.backlinks, "{n} events");
            // The id table's maps keep another order, so only the length.
            assert_eq!(stored(&back).len(), data.len(), "{n} events");
        }
    }

    #[test]
    fn a_part_that_says_another_count_or_is_cut_is_not_used() {
        let b = briefing(2 * PART + 5);
        let data = stored(&b);
        // The count of the last part's head, one more and one less.
        let last = data.len() - frames(&data).unwrap().last().unwrap().bytes.len() - 16;
        for count in [6u64, 4, 0, PART as u64 + 1] {
            let mut d = data.clone();
            d[last..last + 8].copy_from_slice(&count.to_le_bytes());
            assert!(take(&d).is_none(), "a part said to hold {count}");
        }
        assert!(take(&data[..data.len() - 1]).is_none());
        assert!(take(&data[..data.len() - 20]).is_none());
        assert!(take(&[]).is_none());
    }

    #[test]
    fn a_string_a_load_would_clean_in_any_part_is_not_used() {
        let b = briefing(2 * PART + 5);
        for at in [0, PART + 3, 2 * PART + 4] {
            let mut bad = b.clone();
            // Long enough to live on the heap: a share that fails drops the
            // events it had placed, and the others theirs, each once.
            bad.events[at].title = "a title long enough for the heap \u{202e}".into();
            let data = stored(&bad);
            for cores in 1..=4 {
                assert!(take_on(&data, cores).is_none(), "event {at}, {cores} cores");
            }
        }
        let mut bad = b.clone();
        bad.actors[0].name = "Pak\u{1b}]52;c;aGk=\u{7}istan".into();
        assert!(take(&stored(&bad)).is_none(), "an actor");
        assert!(take(&stored(&b)).is_some());
    }
}
