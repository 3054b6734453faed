//! The fan chart: percentile bands of the recorded reserve paths, day by day, as a standalone
//! SVG.

use crate::{report::quantile, sim::Traces};
use std::fmt::Write;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 500.0;
const LEFT: f64 = 100.0;
const RIGHT: f64 = 30.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 56.0;

/// The reserve's 5, 25, 50, 75 and 95% quantiles on each day.
fn bands(traces: &Traces) -> Vec<[f64; 5]> {
	let width = traces.days + 1;
	let paths = traces.values.len() / width;
	let mut column = Vec::with_capacity(paths);
	(0..width)
		.map(|day| {
			column.clear();
			column.extend((0..paths).map(|path| f64::from(traces.values[path * width + day])));
			column.sort_unstable_by(f64::total_cmp);
			[0.05, 0.25, 0.5, 0.75, 0.95].map(|p| quantile(&column, p))
		})
		.collect()
}

/// Round tick values covering `low..=high`, about five of them.
fn ticks(low: f64, high: f64) -> Vec<f64> {
	let rough = (high - low) / 5.0;
	let magnitude = 10f64.powf(rough.log10().floor());
	let step = [1.0, 2.0, 2.5, 5.0, 10.0]
		.into_iter()
		.map(|m| m * magnitude)
		.find(|step| *step >= rough)
		.unwrap_or(10.0 * magnitude);
	let first = (low / step).ceil() as i64;
	let last = (high / step).floor() as i64;
	(first..=last).map(|i| i as f64 * step).collect()
}

/// A tick label: thousands as "k", millions as "M".
fn label(value: f64) -> String {
	let magnitude = value.abs();
	if magnitude >= 1e6 {
		format!("{}M", trim(value / 1e6))
	} else if magnitude >= 1e3 {
		format!("{}k", trim(value / 1e3))
	} else {
		trim(value)
	}
}

fn trim(value: f64) -> String {
	let text = format!("{value:.2}");
	text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The fan chart of `traces` as SVG, titled `title` with a `subtitle`, amounts in `token`, with
/// the `ruin_below` level marked. `None` if no path was recorded.
pub fn fan_chart(
	traces: &Traces,
	title: &str,
	subtitle: &str,
	token: &str,
	ruin_below: f64,
) -> Option<String> {
	if traces.values.is_empty() {
		return None;
	}
	let paths = traces.values.len() / (traces.days + 1);
	let bands = bands(traces);
	let low = bands.iter().map(|b| b[0]).fold(0f64, f64::min);
	let high = bands.iter().map(|b| b[4]).fold(0f64, f64::max);
	let (low, high) = if high > low { (low, high) } else { (low - 1.0, high + 1.0) };
	let pad = (high - low) * 0.04;
	let (low, high) = (low - if low < 0.0 { pad } else { 0.0 }, high + pad);
	let plot_width = WIDTH - LEFT - RIGHT;
	let plot_height = HEIGHT - TOP - BOTTOM;
	let x = |day: f64| LEFT + day / traces.days as f64 * plot_width;
	let y = |value: f64| TOP + (high - value) / (high - low) * plot_height;
	let points = |index: usize| -> Vec<String> {
		bands
			.iter()
			.enumerate()
			.map(|(day, b)| format!("{:.1},{:.1}", x(day as f64), y(b[index])))
			.collect()
	};
	let band = |lower: usize, upper: usize| {
		let mut outline = points(lower);
		outline.extend(points(upper).into_iter().rev());
		outline.join(" ")
	};

	let mut svg = String::new();
	let _ = writeln!(
		svg,
		r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"##
	);
	let _ = writeln!(svg, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
	let _ = writeln!(
		svg,
		r##"<text x="{LEFT}" y="24" font-size="16" font-weight="bold">{}</text>"##,
		escape(title)
	);
	let _ =
		writeln!(svg, r##"<text x="{LEFT}" y="44" fill="#444444">{}</text>"##, escape(subtitle));
	for value in ticks(low, high) {
		let _ = writeln!(
			svg,
			r##"<line x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#e5e5e5"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
			WIDTH - RIGHT,
			LEFT - 8.0,
			y(value) + 4.0,
			label(value),
			y = y(value),
		);
	}
	for day in ticks(0.0, traces.days as f64) {
		let _ = writeln!(
			svg,
			r##"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="#999999"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"##,
			HEIGHT - BOTTOM,
			HEIGHT - BOTTOM + 5.0,
			HEIGHT - BOTTOM + 19.0,
			label(day),
			x = x(day),
		);
	}
	let _ =
		writeln!(svg, r##"<polygon points="{}" fill="#4a7ab5" fill-opacity="0.25"/>"##, band(0, 4));
	let _ =
		writeln!(svg, r##"<polygon points="{}" fill="#4a7ab5" fill-opacity="0.45"/>"##, band(1, 3));
	let _ = writeln!(
		svg,
		r##"<polyline points="{}" fill="none" stroke="#1c3f6e" stroke-width="2"/>"##,
		points(2).join(" ")
	);
	let level = |value: f64, colour: &str, text: &str| {
		let (right, at) = (WIDTH - RIGHT, y(value));
		format!(
			r##"<line x1="{LEFT}" x2="{right:.1}" y1="{at:.1}" y2="{at:.1}" stroke="{colour}" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" fill="{colour}" text-anchor="end">{text}</text>"##,
			right - 4.0,
			at - 5.0,
		)
	};
	if low < 0.0 {
		let _ = writeln!(svg, "{}", level(0.0, "#555555", "owed below this line"));
	}
	if ruin_below > 0.0 && ruin_below < high {
		let _ = writeln!(svg, "{}", level(ruin_below, "#c0392b", "ruin level"));
	}
	let _ = writeln!(
		svg,
		r##"<rect x="{LEFT}" y="{TOP}" width="{plot_width}" height="{plot_height}" fill="none" stroke="#333333"/>"##
	);
	let _ = writeln!(
		svg,
		r##"<text x="{:.1}" y="{:.1}" text-anchor="middle">day</text>"##,
		LEFT + plot_width / 2.0,
		HEIGHT - 12.0
	);
	let _ = writeln!(
		svg,
		r##"<text transform="translate(24 {:.1}) rotate(-90)" text-anchor="middle">net reserve ({}): balance less owed</text>"##,
		TOP + plot_height / 2.0,
		escape(token)
	);
	let legend =
		[("#4a7ab5", "0.25", "5–95%"), ("#4a7ab5", "0.6", "25–75%"), ("#1c3f6e", "1", "median")];
	for (i, (colour, opacity, text)) in legend.iter().enumerate() {
		let left = WIDTH - RIGHT - 330.0 + i as f64 * 90.0;
		let _ = writeln!(
			svg,
			r##"<rect x="{left:.1}" y="{:.1}" width="14" height="10" fill="{colour}" fill-opacity="{opacity}"/><text x="{:.1}" y="{:.1}">{text}</text>"##,
			TOP - 16.0,
			left + 18.0,
			TOP - 7.0
		);
	}
	let _ = writeln!(
		svg,
		r##"<text x="{:.1}" y="{:.1}" fill="#666666" text-anchor="end">{} recorded paths</text>"##,
		WIDTH - RIGHT - 340.0,
		TOP - 7.0,
		paths
	);
	svg.push_str("</svg>\n");
	Some(svg)
}

/// `text` safe inside an SVG element.
fn escape(text: &str) -> String {
	text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ticks_are_round_and_cover_the_range() {
		assert_eq!(ticks(0.0, 365.0), vec![0.0, 100.0, 200.0, 300.0]);
		assert_eq!(ticks(-20_000.0, 100_000.0), vec![0.0, 25_000.0, 50_000.0, 75_000.0, 100_000.0]);
	}

	#[test]
	fn the_chart_is_a_standalone_svg_with_bands_and_a_median() {
		let traces = Traces { days: 2, values: vec![10.0, 12.0, 14.0, 10.0, 8.0, -2.0] };
		let svg = fan_chart(&traces, "t <1>", "s", "SPT", 5.0).expect("two recorded paths");
		assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
		assert!(svg.trim_end().ends_with("</svg>"));
		assert_eq!(svg.matches("<polygon").count(), 2);
		assert_eq!(svg.matches("<polyline").count(), 1);
		assert!(svg.contains("t &lt;1&gt;"));
		assert!(svg.contains("owed below this line") && svg.contains("ruin level"));
		assert!(fan_chart(&Traces { days: 2, values: vec![] }, "", "", "", 0.0).is_none());
	}
}
