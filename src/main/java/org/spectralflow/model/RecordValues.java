package org.spectralflow.model;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/**
 * Value equality for records that hold arrays: a record's own equals compares an array field by
 * identity, so two equal matrices would differ. These compare every component, arrays by content.
 * Reflective and so not for hot paths; equality of such records is for tests, caches and sets.
 */
public final class RecordValues {
    private RecordValues() {}

    public static boolean equal(Record a, Object b) {
        if (a == b) return true;
        if (b == null || a.getClass() != b.getClass()) return false;
        for (RecordComponent c : a.getClass().getRecordComponents())
            if (!Objects.deepEquals(value(c, a), value(c, b))) return false;
        return true;
    }

    public static int hash(Record a) {
        RecordComponent[] cs = a.getClass().getRecordComponents();
        Object[] values = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) values[i] = value(cs[i], a);
        return Arrays.deepHashCode(values);
    }

    private static Object value(RecordComponent c, Object r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("record component " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
