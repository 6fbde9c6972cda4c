package io.turnfleet.operator.reconcile;

import java.util.List;
import java.util.stream.Collectors;

/** A TurnServer spec that cannot be turned into a fleet. */
public class InvalidSpecException extends RuntimeException {
  private final transient List<SpecProblem> problems;

  public InvalidSpecException(List<SpecProblem> problems) {
    super(problems.stream().map(SpecProblem::describe).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public List<SpecProblem> problems() {
    return problems;
  }
}
