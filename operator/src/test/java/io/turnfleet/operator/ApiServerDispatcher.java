package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The CRUD mock, plus two things an API server does that it lacks. It answers a
 * SelfSubjectRulesReview with the rules granted to the caller (the CRUD mock alone would echo the
 * review back without a status): java-operator-sdk sends one before leader election to check its
 * Lease permissions; tests grant the rules the Helm chart grants, so the check runs as it would in a
 * cluster. And it fails a chosen request, e.g. with 409 Conflict as a kube-apiserver answers when
 * the controller manager wrote the object since the writer read it.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
  static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private final List<ResourceRule> granted = new CopyOnWriteArrayList<>();

  private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

  void grant(List<ResourceRule> rules) {
    granted.addAll(rules);
  }

  /**
   * The next request with this method and path (without query) is answered with HTTP {@code code}:
   * 409 as a Conflict, anything else as Forbidden (fabric8's client retries 5xx answers itself).
   */
  void failNext(int code, String method, String path) {
    failures.add(new Failure(code, method + " " + path));
  }

  private record Failure(int code, String request) {}

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String key = request.getMethod() + " " + request.getPath().split("\\?")[0];
    Failure failure = failures.stream().filter(f -> f.request().equals(key)).findFirst().orElse(null);
    if (failure != null && failures.remove(failure)) {
      Status status = new StatusBuilder().withStatus("Failure").withCode(failure.code())
          .withReason(failure.code() == 409 ? "Conflict" : "Forbidden")
          .withMessage(failure.code() == 409
              ? "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest"
                  + " version and try again"
              : "forbidden: injected by the test")
          .build();
      return new MockResponse().setResponseCode(failure.code()).setBody(Serialization.asJson(status));
    }
    return super.dispatch(request);
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    if (!request.getPath().startsWith(PATH)) {
      return super.handleCreate(request);
    }
    SelfSubjectRulesReview review = Serialization.unmarshal(request.getUtf8Body(), SelfSubjectRulesReview.class);
    review.setStatus(new SubjectRulesReviewStatusBuilder()
        .withResourceRules(List.copyOf(granted))
        .withNonResourceRules(List.of())
        .withIncomplete(false)
        .build());
    return new MockResponse().setResponseCode(201).setBody(Serialization.asJson(review));
  }
}
