//! Temperatures: which figures are a reading in degrees ("reached 28.9
//! degrees Celsius", "an average of 29.9C", "above 27 degrees" in a story
//! about heat, "sea surface temperatures peaked at 31.6C") and which are
//! the weather, an angle, a latitude or a compound unit ("degree heating
//! weeks"), which stay out of the claims; and a departure from normal ("38
//! per cent below the long-term average"), which has its direction in its
//! key.

use super::np::W;
use super::place::Place;
use super::resolve::Figure;
use super::token::Tok;

/// Words in a sentence that make a bare "degrees" an angle or a bearing.
const ANGLE_WORDS: &[&str] = &[
    "slope",
    "slopes",
    "angle",
    "angles",
    "steep",
    "steeper",
    "incline",
    "tilt",
    "tilted",
    "latitude",
    "longitude",
    "parallel",
    "north",
    "south",
    "east",
    "west",
    "turn",
    "turned",
    "rotate",
    "rotated",
    "rotation",
    "arc",
    "bearing",
    "heading",
    "compass",
];

/// Words before the figure that make it the weather, which a news monitor
/// does not track: "temperatures climbed to 46 degrees", "a forecast high
/// of 31C".
const WEATHER_WORDS: &[&str] = &[
    "temperatures",
    "forecast",
    "forecasts",
    "weather",
    "highs",
    "lows",
];

/// What "temperatures" measured in rather than the air may follow: "sea
/// surface temperatures", "water temperatures", "body temperatures".
const MEASURED_MEDIA: &[&str] = &[
    "sea", "surface", "ocean", "water", "lake", "river", "soil", "body", "core", "reactor",
];

/// The temperature unit written at token `j`, just after the figure at
/// `i`, and the token after it: "°C", "° F", a glued "C" ("29.9C"),
/// "degrees Celsius", "degrees Fahrenheit", or a bare "degrees" in a
/// document about heat ([`Place::mentions_heat`]) whose sentence names no
/// angle. `None` for the weather ("Temperatures in the south hit 41C").
pub(crate) fn reading(
    toks: &[Tok],
    i: usize,
    j: usize,
    place: &Place,
) -> Option<(&'static str, usize)> {
    let t = toks.get(j)?;
    let scale_at = |k: usize| {
        toks.get(k).and_then(|w| match w.text {
            "C" | "Celsius" | "celsius" | "centigrade" => Some("celsius"),
            "F" | "Fahrenheit" | "fahrenheit" => Some("fahrenheit"),
            _ => None,
        })
    };
    let (unit, end) = if t.is_punct('°') || t.is_punct('º') {
        match scale_at(j + 1) {
            Some(u) => (u, j + 2),
            None => (bare_degrees(toks, place)?, j + 1),
        }
    } else if t.is_word() && !t.space && t.text == "C" {
        ("celsius", j + 1)
    } else if t.is_any(&["degrees", "degree"]) {
        match scale_at(j + 1) {
            Some(u) => (u, j + 2),
            // "6.5 degree heating weeks", "degree days": a compound unit
            // of heat over time, not a temperature.
            None if toks.get(j + 1).is_some_and(|n| {
                n.is_word() && !n.text.ends_with("er") && !super::lexicon::is_function_word(n.text)
            }) =>
            {
                return None;
            }
            None => (bare_degrees(toks, place)?, j + 1),
        }
    } else {
        return None;
    };
    // "Sea surface temperatures peaked at 31.6C": the temperatures of a
    // body of water, the soil or a body are measured, not the weather.
    let weather = toks[..i].iter().enumerate().any(|(k, w)| {
        w.is_any(WEATHER_WORDS)
            && !(w.is("temperatures") && k > 0 && toks[k - 1].is_any(MEASURED_MEDIA))
    });
    (!weather).then_some((unit, end))
}

/// The modifier that keys a temperature bound apart from a reading.
pub(crate) const THRESHOLD: &str = "threshold";

/// True for the units [`reading`] produces.
pub(crate) fn is_unit(unit: &str) -> bool {
    matches!(unit, "celsius" | "fahrenheit")
}

/// Whether the temperature `f` is a bound the story compares against
/// ("above 27 degrees", "fall below 2C") rather than a reading.
pub(crate) fn bound(ws: &[W], f: &Figure) -> bool {
    is_unit(f.unit)
        && f.w_first > 0
        && ws[f.w_first - 1].is_any(&["above", "below", "over", "under", "exceeding", "exceeds"])
}

/// "Rainfall came in 38 per cent below the long-term average", "21% above
/// average", "1.4C above normal": a departure from normal, whose key
/// carries its direction. A fall below normal and a rise above it are two
/// quantities: "38 -> 21" would read a swing from -38 to +21 as a drop.
pub(crate) fn departure(ws: &[W], f: &Figure) -> Option<&'static str> {
    let dir = ws.get(f.w_end)?;
    let mark = if dir.is("above") {
        "above-normal"
    } else if dir.is("below") {
        "below-normal"
    } else {
        return None;
    };
    let normal = ws[f.w_end + 1..]
        .iter()
        .take(4)
        .take_while(|w| !w.punct)
        .any(|w| w.is_any(&["average", "normal", "norm", "mean"]));
    (f.unit == "percent" || is_unit(f.unit))
        .then_some(mark)
        .filter(|_| normal)
}

/// A bare "degrees" is Celsius in a document about heat, unless the
/// sentence names an angle.
fn bare_degrees(toks: &[Tok], place: &Place) -> Option<&'static str> {
    (place.mentions_heat() && !toks.iter().any(|w| w.is_any(ANGLE_WORDS))).then_some("celsius")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::token::tokenize;

    /// (document, sentence, unit read after the sentence's first figure).
    const CASES: &[(&str, &str, Option<&str>)] = &[
        (
            "",
            "The water reached 28.9 degrees Celsius.",
            Some("celsius"),
        ),
        (
            "",
            "Loggers recorded an average of 29.9C at depth.",
            Some("celsius"),
        ),
        ("", "The oven runs at 450°F.", Some("fahrenheit")),
        ("", "The core was held at 30 °C.", Some("celsius")),
        // A bare "degrees" needs a story about heat...
        (
            "The sea temperature rose.",
            "It peaked at 29.4 degrees.",
            Some("celsius"),
        ),
        ("", "It peaked at 29.4 degrees.", None),
        // ...and no angle in its sentence.
        (
            "Temperature swings loosen snow.",
            "Avoid any slope steeper than 30 degrees.",
            None,
        ),
        // The weather is not tracked.
        ("", "Temperatures in the south hit 41C on Tuesday.", None),
        (
            "",
            "Demand peaked as temperatures climbed to 46 degrees Celsius.",
            None,
        ),
        ("", "The forecast high is 31°C.", None),
        // Temperatures of the sea or a lake are measured, not weather.
        (
            "",
            "Lake surface temperatures peaked at 27.4 degrees Celsius.",
            Some("celsius"),
        ),
        ("", "Air temperatures peaked at 27.4 degrees Celsius.", None),
        // A compound unit of heat over time.
        (
            "A heatwave bleached the reef.",
            "Heat stress reached 8.5 degree heating weeks.",
            None,
        ),
        // Not a temperature at all.
        ("", "The plant hired 300 people.", None),
        ("", "Line 3 C runs late.", None),
    ];

    #[test]
    fn readings_in_degrees_are_temperatures_unless_weather_or_angle() {
        for &(document, sentence, want) in CASES {
            let place = Place::new(document);
            let mut toks = Vec::new();
            tokenize(sentence, &mut toks);
            let i = toks.iter().position(|t| t.is_num()).expect("a number");
            let got = reading(&toks, i, i + 1, &place).map(|(u, _)| u);
            assert_eq!(got, want, "{sentence:?} in {document:?}");
        }
    }
}
