package org.carechart.access;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which chart entries a decision lets the caller see, per category: {@code categories} are open, and
 * in those of them that are also in {@code sensitiveShown} entries marked sensitive show too; in the
 * other open categories they are hidden. The rule exists once, here, in two forms made from the same two sets: the Java test
 * {@link #shows(String, boolean)} for rows already read, and the SQL predicate {@link #sql(String)} for
 * lists, feeds and counts (where one list mixes categories, each entry is judged by its own category).
 * {@code VisibilityTest} runs both over every category and sensitivity and checks they agree.
 */
public record Visibility(Set<DataCategory> categories, Set<DataCategory> sensitiveShown) {

    public static final Visibility NONE = new Visibility(Set.of(), Set.of());
    public static final Visibility EVERYTHING = new Visibility(DataCategory.ALL, DataCategory.ALL);

    public Visibility {
        categories = Set.copyOf(categories);
        sensitiveShown = Set.copyOf(sensitiveShown);
    }

    /**
     * The open categories, with sensitive entries shown in all of them or in none. (Not hiding shows
     * them in every category, so entries chosen one by one outside the open categories, as a share link
     * may, keep showing: the category half of the rule is then the caller's to place.)
     */
    public static Visibility of(Set<DataCategory> categories, boolean hideSensitive) {
        return new Visibility(categories, hideSensitive ? Set.of() : DataCategory.ALL);
    }

    /** The Java form of the rule. */
    public boolean shows(DataCategory category, boolean sensitive) {
        return category != null && categories.contains(category) && (!sensitive || sensitiveShown.contains(category));
    }

    public boolean shows(String categoryCode, boolean sensitive) {
        return DataCategory.fromCode(categoryCode).map(c -> shows(c, sensitive)).orElse(false);
    }

    /** True when sensitive entries hide in some open category (what a grant or link made under it must carry on). */
    public boolean hidesSomeSensitive() {
        return !sensitiveShown.containsAll(categories);
    }

    /**
     * The SQL form of the rule, over a row aliased {@code alias} with columns {@code category} and
     * {@code sensitive}, with the two sets as parameters ({@code :open}, {@code :sensitiveShown}:
     * comma-joined codes, bound by {@link #bind}), the one SQL form every query places.
     */
    public static String boundSql(String alias) {
        return "(" + boundCategorySql(alias) + " and " + boundSensitiveSql(alias) + ")";
    }

    public static String boundCategorySql(String alias) {
        return alias + ".category = any(string_to_array(:open, ','))";
    }

    public static String boundSensitiveSql(String alias) {
        return "(not " + alias + ".sensitive or " + alias + ".category = any(string_to_array(:sensitiveShown, ',')))";
    }

    /** Binds the parameters of {@link #boundSql}. */
    public org.carechart.common.Sql bind(org.carechart.common.Sql sql) {
        return sql.bind("open", joined(categories)).bind("sensitiveShown", joined(sensitiveShown));
    }

    private static String joined(Set<DataCategory> categories) {
        return categories.stream().filter(c -> c != DataCategory.DEMOGRAPHICS).map(DataCategory::code).sorted()
                .collect(Collectors.joining(","));
    }
}
