package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Alert;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.MonitorSettings;
import org.spectralflow.model.Regime;

/** Regimes with hysteresis and the trend forecast, on readings whose ρ is set directly. */
class RegimeTrackerTest {
    static LayerReading linear(long step, double rho) {
        return new LayerReading("m", "l", step, 4, RecurrentCell.LINEAR, 100, rho, rho, 0, rho, 0, rho < 1,
                Math.log(rho), Math.pow(rho, 100), 0, 1, new double[0], new double[0], null);
    }

    static List<Alert> walk(double[] rhos, long every, LayerState s, MonitorSettings cfg) {
        List<Alert> all = new ArrayList<>();
        for (int k = 0; k < rhos.length; k++) all.addAll(RegimeTracker.update(s, linear(k * every, rhos[k]), cfg).alerts());
        return all;
    }

    @Test
    void aWalkFromPointNineToOnePointOneChangesRegimeOnceWithAForecastBefore() {
        double[] rhos = new double[21];
        for (int k = 0; k <= 20; k++) rhos[k] = 0.9 + 0.01 * k;
        List<Alert> alerts = walk(rhos, 100, new LayerState(), MonitorSettings.defaults());
        List<Alert> regime = alerts.stream().filter(a -> a.kind().equals("regime")).toList();
        List<Alert> forecast = alerts.stream().filter(a -> a.kind().equals("forecast")).toList();
        assertEquals(1, regime.size(), alerts.toString());
        assertEquals(Regime.VANISHING, regime.get(0).from());
        assertEquals(Regime.EXPLODING, regime.get(0).to());
        assertEquals(1200, regime.get(0).step(), "first ρ with ln ρ > 0.01 is 1.02, at step 1200");
        assertEquals(1, forecast.size(), alerts.toString());
        assertEquals(200, forecast.get(0).step(), "three readings make the first trend");
        assertEquals(1000, forecast.get(0).forecastStep(), 1e-6, "the line through ρ = 0.9 + 1e-4·step reaches 1 at step 1000");
        assertEquals(Regime.EXPLODING, forecast.get(0).to());
    }

    @Test
    void noiseInsideTheBandDoesNotFlap() {
        double[] rhos = {0.95, 0.995, 1.005, 0.996, 1.004, 0.997, 1.003};
        LayerState s = new LayerState();
        List<Alert> alerts = walk(rhos, 10, s, new MonitorSettings(0.01, 50, 8, 5, 0.8));
        assertTrue(alerts.stream().noneMatch(a -> a.kind().equals("regime")), alerts.toString());
        assertEquals("vanishing", s.regime);
    }

    @Test
    void aLayerSettlesBackToStable() {
        double[] rhos = {1.05, 1.0, 1.0, 1.0};
        LayerState s = new LayerState();
        List<Alert> alerts = walk(rhos, 10, s, new MonitorSettings(0.01, 3, 8, 5, 0.8));
        assertEquals(1, alerts.size());
        assertEquals(Regime.STABLE, alerts.get(0).to());
        assertEquals(30, alerts.get(0).step());
    }

    @Test
    void aForecastBeyondTheHorizonOrFromAPoorFitIsNotRaised() {
        double[] slow = {0.90, 0.9001, 0.9002, 0.9003};
        assertTrue(walk(slow, 10, new LayerState(), MonitorSettings.defaults()).isEmpty(), "crossing ~9000 steps ahead");
        double[] noisy = {0.90, 0.97, 0.91, 0.96, 0.92, 0.95};
        assertTrue(walk(noisy, 100, new LayerState(), MonitorSettings.defaults()).stream().noneMatch(a -> a.kind().equals("forecast")));
    }

    static double number(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Double.parseDouble(m.group(1));
    }

    /** Every alert's numbers agree with one another: the arithmetic is checked on the message as a user reads it. */
    @Test
    void alertMessagesSayNumbersThatAgree() {
        double[] rhos = new double[21];
        for (int k = 0; k <= 20; k++) rhos[k] = 0.9 + 0.01 * k;
        List<Alert> alerts = walk(rhos, 100, new LayerState(), MonitorSettings.defaults());
        Alert regime = alerts.stream().filter(a -> a.kind().equals("regime")).findFirst().orElseThrow();
        double rho = number(regime.message(), "ρ = ([0-9.]+)"), lnRho = number(regime.message(), "ln ρ = ([-+0-9.]+)/step");
        assertEquals(regime.rho(), rho, 5e-5);
        assertEquals(Math.log(rho), lnRho, 1e-4, "a linear layer's rate is ln ρ: " + regime.message());
        double ratio = number(regime.message(), "changed by ([-+0-9.e]+)");
        assertEquals(Math.pow(regime.rho(), 100), ratio, 5e-3 * ratio, "the test's readings went through ρ^100");

        Alert forecast = alerts.stream().filter(a -> a.kind().equals("forecast")).findFirst().orElseThrow();
        double now = number(forecast.message(), "ρ = ([0-9.]+)"), slope = number(forecast.message(), "rising ([0-9.e-]+)/step"),
                at = number(forecast.message(), "crosses 1 at step ≈ ([0-9]+)");
        assertEquals(1.0, now + slope * (at - forecast.step()), 1e-3, "the line the message describes reaches 1 where it says");
        assertEquals(forecast.forecastStep(), at, 0.5);

        // tanh: the analyser's rate and ratio are one number seen two ways, ratio = e^(rate × horizon) ...
        double[] w = new double[16];
        for (int i = 0; i < 4; i++) w[i * 4 + (i + 1) % 4] = 0.5;
        LayerReading small = HealthAnalyzer.read(new org.spectralflow.model.Weights("m", "t", 0, 4, w, Activation.TANH, 50));
        assertEquals(small.nonlinearRatio(), Math.exp(small.nonlinearRate() * 50), 1e-9 * small.nonlinearRatio());
        // ... and the message says both
        LayerState s = new LayerState();
        RegimeTracker.update(s, small, MonitorSettings.defaults());
        LayerReading steep = new LayerReading("m", "t", 100, 4, RecurrentCell.RNN_TANH, 50, 1.5, 1.5, 0, 1.5, 0, false, Math.log(1.5),
                Math.pow(1.5, 50), 0.02, Math.exp(0.02 * 50), new double[0], new double[0], null);
        Alert up = RegimeTracker.update(s, steep, MonitorSettings.defaults()).alerts().get(0);
        double rate = number(up.message(), "gradient rate ([-+0-9.]+)/step"), r = number(up.message(), "a ratio of ([0-9.e+]+)");
        assertEquals(Math.exp(rate * 50), r, 5e-3 * r, up.message());
    }
}
