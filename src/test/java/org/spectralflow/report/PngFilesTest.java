package org.spectralflow.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.metadata.IIOMetadataNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/** The report's PNG writer, read back by ImageIO (an independent decoder): every pixel, the size and the resolution. */
class PngFilesTest {
    @TempDir
    Path dir;

    @Test
    void anImageComesBackPixelForPixel() throws Exception {
        BufferedImage img = new BufferedImage(301, 97, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) img.setRGB(x, y, y % 7 == 0 ? r.nextInt() & 0xffffff : (x * 3 + y) & 0xff);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngFiles.encode(img, 150)));
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getHeight(), back.getHeight());
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = 0; x < img.getWidth(); x++) assertEquals(img.getRGB(x, y), back.getRGB(x, y), x + "," + y);
        var reader = ImageIO.getImageReadersByFormatName("png").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(PngFiles.encode(img, 150))));
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_1.0");
        IIOMetadataNode px = (IIOMetadataNode) root.getElementsByTagName("HorizontalPixelSize").item(0);
        assertEquals(25.4 / 150, Double.parseDouble(px.getAttribute("value")), 1e-4, "mm a pixel at 150 dpi");
    }

    /** The same chart painted as XChart's own encoder paints it: the same pixels, in a file a fraction of the time to write. */
    @Test
    void aChartHasXChartsPixels() throws Exception {
        XYChart c = Charts.chart("t", "x", "y", 400, 300);
        Charts.points(c, "s", new double[] {0, 1, 2, 3}, new double[] {1, 0.5, 2, 1.5}, java.awt.Color.BLUE);
        // XChart's first paint of a chart differs from its later ones in some 470 pixels (it settles its layout as it
        // paints), so both encoders are given the settled chart
        BitmapEncoder.saveBitmapWithDPI(c, dir.resolve("settle").toString(), BitmapEncoder.BitmapFormat.PNG, 150);
        PngFiles.write(c, dir.resolve("ours.png"), 150);
        BitmapEncoder.saveBitmapWithDPI(c, dir.resolve("xchart").toString(), BitmapEncoder.BitmapFormat.PNG, 150);
        BufferedImage ours = ImageIO.read(dir.resolve("ours.png").toFile()), theirs = ImageIO.read(dir.resolve("xchart.png").toFile());
        assertEquals(theirs.getWidth(), ours.getWidth());
        assertEquals(theirs.getHeight(), ours.getHeight());
        long differ = 0;
        for (int y = 0; y < ours.getHeight(); y++)
            for (int x = 0; x < ours.getWidth(); x++) if (ours.getRGB(x, y) != theirs.getRGB(x, y)) differ++;
        assertEquals(0, differ, "pixels that differ from XChart's");
        assertTrue(Files.size(dir.resolve("ours.png")) < 3 * Files.size(dir.resolve("xchart.png")), "not much larger");
    }
}
