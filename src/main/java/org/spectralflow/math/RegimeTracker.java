package org.spectralflow.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.spectralflow.model.Alert;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.MonitorSettings;
import org.spectralflow.model.Regime;

/**
 * A layer's regime with hysteresis, and the forecast of ρ crossing 1.
 *
 * <p>Regime: exploding when the per-step gradient rate r exceeds +band, vanishing below −band. A
 * layer keeps its regime while r is inside the band (no flapping around the boundary) and becomes
 * stable again only after {@code settle} readings in a row within ±band/2. The first reading sets
 * the regime without an alert.
 *
 * <p>Forecast: a least-squares line through the last {@code window} (step, ρ) readings; when ρ is
 * heading for 1 and the line reaches 1 within {@code forecastSteps} training steps, with R² of at
 * least {@code minR2}, one forecast alert is raised for that approach. A linear trend is only as
 * good as the drift is steady: it is trustworthy over roughly the span of steps it was fitted on,
 * and the alert carries that span, the slope and R² so a reader can judge.
 */
public final class RegimeTracker {
    private RegimeTracker() {}

    /**
     * The layer's regime after a reading, and the alerts it raised.
     *
     * @param regime null when the reading decides none (a gated cell without Jacobians)
     * @param outOfOrder the reading's step is not after the newest one read: it is reported, but
     *     changes neither the regime nor the trend
     */
    public record Update(Regime regime, List<Alert> alerts, boolean outOfOrder) {}

    public static Update update(LayerState s, LayerReading r, MonitorSettings cfg) {
        Regime prev = s.regime == null ? null : Regime.valueOf(s.regime.toUpperCase(Locale.ROOT));
        if (r.step() <= s.lastStep) return new Update(r.hasRegime() ? prev : null, List.of(), true);
        s.lastStep = r.step();
        List<Alert> alerts = new ArrayList<>();
        double rate = r.regimeRate();
        // a gated layer without Jacobians has no regime: the layer's regime stays as it was, no regime alert
        Regime now = r.hasRegime() ? regime(s, prev, rate, cfg) : null;
        if (now != null) {
            if (now != prev) s.settled = 0;
            if (prev != null && now != prev) alerts.add(regimeAlert(r, prev, now, rate));
            s.regime = now.wire();
        }

        boolean crossed = s.rhos.length > 0 && (s.rhos[s.rhos.length - 1] < 1) != (r.rho() < 1);
        append(s, r.step(), r.rho(), cfg.window());
        Alert forecast = forecast(s, r, now, rate, cfg);
        if (forecast == null || crossed) s.forecastActive = false;
        if (forecast != null && !s.forecastActive) {
            alerts.add(forecast);
            s.forecastActive = true;
        }
        return new Update(now, alerts, false);
    }

    /** The regime after a reading of rate r: the band, with hysteresis on the way back to stable. */
    private static Regime regime(LayerState s, Regime prev, double rate, MonitorSettings cfg) {
        Regime seen = rate > cfg.band() ? Regime.EXPLODING : rate < -cfg.band() ? Regime.VANISHING : null;
        if (prev == null) return seen == null ? Regime.STABLE : seen;
        if (seen != null && seen != prev) return seen;
        if (seen == null && prev != Regime.STABLE && Math.abs(rate) < cfg.band() / 2) {
            s.settled++;
            return s.settled >= cfg.settle() ? Regime.STABLE : prev;
        }
        return prev;
    }

    private static void append(LayerState s, long step, double rho, int window) {
        int keep = Math.min(window, s.steps.length + 1);
        long[] steps = Arrays.copyOfRange(s.steps, s.steps.length + 1 - keep, s.steps.length + 1);
        double[] rhos = Arrays.copyOfRange(s.rhos, s.rhos.length + 1 - keep, s.rhos.length + 1);
        steps[keep - 1] = step;
        rhos[keep - 1] = rho;
        s.steps = steps;
        s.rhos = rhos;
    }

    /** The forecast alert the current trend calls for, or null. */
    static Alert forecast(LayerState s, LayerReading r, Regime now, double rate, MonitorSettings cfg) {
        int m = s.steps.length;
        if (m < 3) return null;
        double mx = 0, my = 0;
        for (int i = 0; i < m; i++) {
            mx += s.steps[i];
            my += s.rhos[i];
        }
        mx /= m;
        my /= m;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < m; i++) {
            double dx = s.steps[i] - mx, dy = s.rhos[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0 || sxy == 0) return null;
        double slope = sxy / sxx, r2 = sxy * sxy / (sxx * syy);
        boolean approaching = (r.rho() < 1 && slope > 0) || (r.rho() > 1 && slope < 0);
        double crossing = mx + (1 - my) / slope;
        if (!approaching || r2 < cfg.minR2() || crossing <= r.step() || crossing - r.step() > cfg.forecastSteps())
            return null;
        Regime to = slope > 0 ? Regime.EXPLODING : Regime.VANISHING;
        long span = s.steps[m - 1] - s.steps[0];
        String msg = String.format(Locale.ROOT,
                "%s %s at step %d: ρ = %.4f %s %.3g/step (R² %.2f over %d readings, %d steps); crosses 1 at step ≈ %.0f",
                r.model(), r.layer(), r.step(), r.rho(), slope > 0 ? "rising" : "falling", Math.abs(slope), r2, m, span,
                crossing);
        return new Alert("forecast", r.model(), r.layer(), r.step(), now, to, r.rho(), rate, crossing, r2, msg);
    }

    /**
     * A regime change, its numbers said so that they agree: for tanh the measured rate and the
     * ratio it makes over the horizon (ratio = e^(rate × horizon)); for a linear layer the rate is
     * ln ρ, the asymptotic one, and the ratio is what the layer's seeded start vector went through
     * in the horizon's steps, so the message names both for what they are.
     */
    private static Alert regimeAlert(LayerReading r, Regime from, Regime to, double rate) {
        String numbers;
        if (r.trajectory() != null)
            numbers = String.format(Locale.ROOT, "%s, ρ = %.4f: gradient rate %+.4f/step through %d sampled state Jacobians "
                    + "(mean σ₁ %.4f), a ratio of %.3g over %d steps", r.cell().wire(), r.rho(), rate, r.trajectory().k(),
                    r.trajectory().sigma1Mean(), r.predictedRatio(), r.horizon());
        else if (r.cell() == org.spectralflow.model.RecurrentCell.LINEAR)
            numbers = String.format(Locale.ROOT, "ρ = %.4f: asymptotic gradient rate ln ρ = %+.4f/step; over %d steps the seeded "
                    + "gradient changed by %.3g", r.rho(), rate, r.horizon(), r.predictedRatio());
        else
            numbers = String.format(Locale.ROOT, "ρ = %.4f: gradient rate %+.4f/step measured over %d steps, a ratio of %.3g",
                    r.rho(), rate, r.horizon(), r.predictedRatio());
        String msg = String.format(Locale.ROOT, "%s %s at step %d: %s → %s (%s)", r.model(), r.layer(), r.step(), from.wire(),
                to.wire(), numbers);
        return new Alert("regime", r.model(), r.layer(), r.step(), from, to, r.rho(), rate, Double.NaN, Double.NaN, msg);
    }
}
