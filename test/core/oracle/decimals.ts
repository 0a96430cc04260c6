/**
 * mathjs in 100-digit decimals, the oracle's arithmetic, and the doubles the kernels receive handed to
 * it with every binary digit. A double's shortest decimal string (what mathjs makes of a number) is up
 * to half a unit in the last place away from it, which the oracle would then count as the kernel's
 * error: for two dates 15 minutes apart it alone moves a trend's slope by 4e-10.
 */
import { all, type BigNumber, create } from "mathjs";

// mathjs treats a pivot within relTol of 0 as singular; at 100 digits only a true 0 should be.
export const big = create(all, { number: "BigNumber", precision: 100, relTol: 1e-80, absTol: 1e-90 });

/** A double as m x 2^e with m a whole number (exact), then as a decimal to 100 significant digits. */
export function decimal(value: number): BigNumber {
  let mantissa = value;
  let exponent = 0;
  // Doubling a double is exact; at most 1,074 doublings make any finite double a whole number.
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    exponent -= 1;
  }
  return big
    .bignumber(BigInt(mantissa).toString())
    .times(big.pow(big.bignumber(2), big.bignumber(exponent)) as BigNumber);
}
