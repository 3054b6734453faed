//! The losses CSV: one `account,amount` per line, an optional `account,amount` header first,
//! blank lines skipped, fields trimmed.

use crate::{
	account,
	losses::{collect, parse_amount, Loss, Losses},
};
use anyhow::{anyhow, bail, ensure, Result};

/// The header line a losses CSV may start with.
pub const HEADER: &str = "account,amount";

/// Parses a losses CSV whose accounts are of the network `prefix`; errors name the 1-based line.
pub fn parse(bytes: &[u8], prefix: u16) -> Result<Losses<'_>> {
	let text = std::str::from_utf8(bytes).map_err(|error| {
		let line = 1 + bytes[..error.valid_up_to()].iter().filter(|&&byte| byte == b'\n').count();
		anyhow!("line {line}: not UTF-8")
	})?;
	let text = text.strip_prefix('\u{feff}').unwrap_or(text);
	let lines: Vec<&str> = text.lines().map(str::trim).collect();
	let header = lines.iter().position(|line| !line.is_empty()).filter(|&i| lines[i] == HEADER);
	let losses = collect(&lines, "line", 1, |index, line| {
		if line.is_empty() || Some(index) == header {
			return Ok(None);
		}
		parse_line(line, prefix).map(Some)
	})?;
	ensure!(!losses.losses.is_empty(), "no losses: the file has no `account,amount` line");
	Ok(losses)
}

/// Parses one non-blank line: `account,amount`.
fn parse_line(line: &str, prefix: u16) -> Result<Loss<'_>> {
	let mut fields = line.split(',');
	let (Some(address), Some(amount), None) = (fields.next(), fields.next(), fields.next()) else {
		bail!("expected 2 fields `account,amount`, found {}", line.split(',').count());
	};
	let address = address.trim();
	Ok(Loss {
		address,
		account: account::decode(address, prefix)?,
		amount: parse_amount(amount.trim())?,
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::account::encode;
	use sp_core::crypto::AccountId32;

	fn address(byte: u8) -> String {
		encode(&AccountId32::new([byte; 32]), 42)
	}

	/// The error of parsing `text` as a CSV of prefix 42.
	fn error(text: &str) -> String {
		format!("{:#}", parse(text.as_bytes(), 42).err().expect("an error"))
	}

	#[test]
	fn parses_header_blank_lines_and_whitespace() {
		let text = format!("account,amount\n\n  {} , 5 \r\n\n{},7\n", address(1), address(2));
		let losses = parse(text.as_bytes(), 42).unwrap();
		assert_eq!(losses.total, 12);
		assert_eq!(losses.losses[0].address, address(1));
		assert_eq!(losses.losses[0].account, AccountId32::new([1; 32]));
		assert_eq!(losses.losses[1].amount, 7);
		// Without a header.
		assert_eq!(parse(format!("{},1", address(3)).as_bytes(), 42).unwrap().total, 1);
	}

	#[test]
	fn names_the_line_of_each_error() {
		let a = address(1);
		let ok = format!("account,amount\n{a},1\n\n");
		assert_eq!(
			error(&format!("{ok}5Bad0,1")),
			"line 4: malformed SS58 address `5Bad0`: Base 58 requirement is violated"
		);
		assert_eq!(
			error(&format!("{ok}5Bad,1")),
			"line 4: malformed SS58 address `5Bad`: Length is bad"
		);
		let mut checksum = address(2);
		checksum.replace_range(47.., if checksum.ends_with('A') { "B" } else { "A" });
		assert_eq!(
			error(&format!("{ok}{checksum},1")),
			format!("line 4: malformed SS58 address `{checksum}`: Invalid checksum")
		);
		let polkadot = encode(&AccountId32::new([2; 32]), 0);
		assert_eq!(
			error(&format!("{ok}{polkadot},1")),
			format!("line 4: address `{polkadot}` is of network prefix 0, expected 42")
		);
		assert_eq!(
			error(&format!("{ok}{},2\n{a},3", address(2))),
			format!("line 5: duplicate account `{a}` (first on line 2)")
		);
		assert_eq!(error(&format!("{ok}{},0", address(2))), "line 4: zero amount");
		for amount in ["-1", "1.5", "1e6", "", "+1", "0x10"] {
			assert_eq!(
				error(&format!("{ok}{},{amount}", address(2))),
				format!("line 4: amount `{amount}` is not a non-negative integer")
			);
		}
		let above = "340282366920938463463374607431768211456";
		assert_eq!(
			error(&format!("{ok}{},{above}", address(2))),
			format!("line 4: amount `{above}` is above the u128 maximum")
		);
		assert_eq!(
			error(&format!("{ok}{},{}\n{},1", address(2), u128::MAX - 1, address(3))),
			"line 5: the total overflows u128"
		);
		assert_eq!(
			error(&format!("{ok}{a}")),
			"line 4: expected 2 fields `account,amount`, found 1"
		);
		assert_eq!(
			error(&format!("{ok}{a},1,2")),
			"line 4: expected 2 fields `account,amount`, found 3"
		);
		// The header is only allowed first.
		assert!(error(&format!("{ok}account,amount")).starts_with("line 4: malformed SS58"));
		let mut invalid = format!("{ok}{a},1").into_bytes();
		invalid.extend_from_slice(b"\n\xff,1");
		assert_eq!(format!("{:#}", parse(&invalid, 42).err().unwrap()), "line 5: not UTF-8");
	}

	#[test]
	fn refuses_a_list_without_losses() {
		for text in ["", "\n\n", "account,amount\n", "  \naccount,amount\n\n"] {
			assert_eq!(error(text), "no losses: the file has no `account,amount` line");
		}
	}
}
