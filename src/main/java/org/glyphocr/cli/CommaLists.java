package org.glyphocr.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Option values that are comma-separated lists, such as {@code --hidden 1024,512}, each taken as one
 * value. picocli adds every occurrence of a list-typed option to the ones before it, so
 * {@code train @recipe.args --hidden 64} would stack a layer onto the recipe's two instead of
 * replacing them. As these types, a repeated option is replaced like every other: the last one wins.
 *
 * <pre>{@code
 * @Option(names = "--sizes", converter = CommaLists.IntsConverter.class)
 * CommaLists.Ints sizes = new CommaLists.Ints(new int[] {20, 28, 40});
 * }</pre>
 */
final class CommaLists {
    private CommaLists() {
    }

    /** Whole numbers, e.g. {@code 1024,512}. */
    record Ints(int[] values) {
        Ints {
            values = values.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        @Override
        public String toString() {
            return Arrays.toString(values);
        }
    }

    /** Words, e.g. {@code train,infer}. */
    record Words(List<String> values) {
        Words {
            values = List.copyOf(values);
        }
    }

    static final class IntsConverter implements ITypeConverter<Ints> {
        @Override
        public Ints convert(String value) {
            List<String> items = items(value);
            int[] numbers = new int[items.size()];
            for (int i = 0; i < numbers.length; i++) {
                try {
                    numbers[i] = Integer.parseInt(items.get(i));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + items.get(i) + "' is not a whole number");
                }
            }
            return new Ints(numbers);
        }
    }

    static final class WordsConverter implements ITypeConverter<Words> {
        @Override
        public Words convert(String value) {
            return new Words(items(value));
        }
    }

    /** The items between commas, trimmed; an empty one is refused. */
    private static List<String> items(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) throw new TypeConversionException("'" + value + "' has an empty item; give values separated by commas");
            items.add(trimmed);
        }
        return items;
    }
}
