package org.sealedbox.runtime.spi;

import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;

/** Typed binder helpers: a plugin module adds its factories by name, one line each. */
public final class Plugins {
    private Plugins() {}

    public static MapBinder<String, WorldFactory> worlds(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, WorldFactory.class);
    }

    public static MapBinder<String, ModelFactory> models(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ModelFactory.class);
    }

    public static MapBinder<String, PretrainFactory> pretraining(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, PretrainFactory.class);
    }

    public static MapBinder<String, LearnerFactory> learners(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, LearnerFactory.class);
    }

    public static MapBinder<String, ConfidenceFactory> confidences(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ConfidenceFactory.class);
    }

    public static MapBinder<String, JudgeFactory> judges(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, JudgeFactory.class);
    }

    public static MapBinder<String, MeasureFactory> measures(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, MeasureFactory.class);
    }

    public static MapBinder<String, EfficacyFactory> efficacies(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, EfficacyFactory.class);
    }
}
