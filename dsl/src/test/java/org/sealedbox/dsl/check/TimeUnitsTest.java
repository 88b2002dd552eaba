package org.sealedbox.dsl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeUnitsTest {

    @ParameterizedTest
    @CsvSource({"tick,tick", "ticks,tick", "hour,hour", "hours,hour", "day,day", "days,day", "week,week", "weeks,week",
            "month,month", "months,month", "year,year", "years,year"})
    void singularOfEveryUnit(String written, String singular) {
        assertEquals(singular, TimeUnits.singular(written));
        assertTrue(TimeUnits.known(written));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yeers", "yeer", "munth", "s", "", "Years", "YEAR", "yearss", "decade", "minutes"})
    void unknownWords(String word) {
        assertFalse(TimeUnits.known(word));
        assertEquals(Optional.empty(), TimeUnits.hours(word));
        assertEquals(word, TimeUnits.singular(word), "unknown words come back as they are");
    }

    @Test
    void hoursOfEachUnit() {
        assertEquals(1.0, TimeUnits.hours("hour").orElseThrow());
        assertEquals(1.0, TimeUnits.hours("hours").orElseThrow());
        assertEquals(24.0, TimeUnits.hours("day").orElseThrow());
        assertEquals(168.0, TimeUnits.hours("weeks").orElseThrow());
        assertEquals(365.2425 * 24, TimeUnits.hours("year").orElseThrow());
        assertEquals(365.2425 * 24, TimeUnits.hours("years").orElseThrow());
        assertEquals(365.2425 * 24 / 12, TimeUnits.hours("month").orElseThrow());
        assertEquals(TimeUnits.hours("year").orElseThrow() / 12, TimeUnits.hours("months").orElseThrow());
    }

    @Test
    void aYearIsTheMeanGregorianYear() {
        assertEquals(365.2425 * 24, TimeUnits.HOURS_PER_YEAR);
        assertEquals(8765.82, TimeUnits.HOURS_PER_YEAR, 1e-9);
    }

    @Test
    void thousandYearsOfMonthsIsExactlyTwelveThousand() {
        double ticks = 1000 * TimeUnits.hours("years").orElseThrow() / TimeUnits.hours("month").orElseThrow();
        assertEquals(12000, ticks, 1e-9);
        assertEquals(12000L, Math.round(ticks));
    }

    @Test
    void aTickHasNoFixedLength() {
        assertTrue(TimeUnits.known("tick"));
        assertTrue(TimeUnits.known("ticks"));
        assertEquals(Optional.empty(), TimeUnits.hours("tick"));
        assertEquals(Optional.empty(), TimeUnits.hours("ticks"));
    }

    @Test
    void namesAreEveryUnitSingularAndPlural() {
        assertEquals(Set.of("tick", "ticks", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"),
                TimeUnits.names());
    }
}
