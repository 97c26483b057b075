package org.spectralflow.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.knowm.xchart.XYChart;

/**
 * A chart as a PNG file at a given resolution, written for speed: ImageIO's PNG writer tries every
 * row filter on every row and deflates at its default level, which was most of a warm sweep's
 * report time (JFR: 180 of 309 samples of the report's encoder threads); charts are flat colour
 * with thin lines, so the "Up" filter and the fastest deflate level lose little in size.
 */
final class PngFiles {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngFiles() {}

    /** Paints the chart at dpi (72 is its own size) and writes it to file. */
    static void write(XYChart chart, Path file, int dpi) throws IOException {
        double scale = dpi / 72.0;
        BufferedImage img = new BufferedImage((int) (chart.getWidth() * scale), (int) (chart.getHeight() * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(scale, scale);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encode(img, dpi));
        }
    }

    /** The PNG bytes of an RGB image: IHDR, pHYs (the resolution), one IDAT, IEND. */
    static byte[] encode(BufferedImage img, int dpi) throws IOException {
        int w = img.getWidth(), h = img.getHeight();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        ByteArrayOutputStream file = new ByteArrayOutputStream(w * h / 4 + 1024);
        file.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.writeByte(8); // bits per sample
        d.writeByte(2); // truecolour RGB
        d.writeByte(0); // deflate
        d.writeByte(0); // adaptive filtering, one filter byte a row
        d.writeByte(0); // no interlace
        chunk(file, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream phys = new ByteArrayOutputStream();
        DataOutputStream p = new DataOutputStream(phys);
        int perMetre = (int) Math.round(dpi / 0.0254);
        p.writeInt(perMetre);
        p.writeInt(perMetre);
        p.writeByte(1); // the unit is the metre
        chunk(file, "pHYs", phys.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream(w * h / 4 + 1024);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 3 * w];
            row[0] = 2; // "Up": the difference from the row above, zero on a chart's flat areas and straight edges
            for (int y = 0; y < h; y++) {
                // one pass over the pixels, as their bytes less those of the pixel above (0 above the first row)
                for (int x = 0, o = y * w, i = 1; x < w; x++, i += 3) {
                    int rgb = px[o + x], up = y == 0 ? 0 : px[o - w + x];
                    row[i] = (byte) ((rgb >> 16) - (up >> 16));
                    row[i + 1] = (byte) ((rgb >> 8) - (up >> 8));
                    row[i + 2] = (byte) (rgb - up);
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(file, "IDAT", idat.toByteArray());
        chunk(file, "IEND", new byte[0]);
        return file.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
